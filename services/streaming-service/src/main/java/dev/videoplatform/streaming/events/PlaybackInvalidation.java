package dev.videoplatform.streaming.events;

import dev.videoplatform.events.v1.AdminVideoBanned;
import dev.videoplatform.events.v1.VideoDeleted;
import dev.videoplatform.events.v1.VideoUpdated;
import dev.videoplatform.platform.events.TracedConsumer;
import dev.videoplatform.streaming.service.PlaybackCatalog;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Drops cached playback metadata when a video changes, is deleted or is banned, so a banned video
 * stops playing within seconds; the fallback copy (used while upload-service is down) takes the
 * new status and visibility from the event instead of being dropped. Dropping is idempotent, so no processed-event bookkeeping is
 * needed (the service has no database): a {@link TracedConsumer} decodes each event and traces it,
 * unreadable events go to the topic's DLQ.
 */
@ApplicationScoped
public class PlaybackInvalidation {

    private static final String GROUP = "streaming-service";

    private final TracedConsumer consumer;
    private final PlaybackCatalog catalog;

    public PlaybackInvalidation(TracedConsumer consumer, PlaybackCatalog catalog) {
        this.consumer = consumer;
        this.catalog = catalog;
    }

    @Incoming("video-updated")
    public Uni<Void> onUpdated(byte[] record) {
        return consumer.consume(GROUP, record, VideoUpdated.class, updated -> catalog.changed(updated.getVideoId(), video -> {
            Video.Builder patched = video.toBuilder();
            if (updated.getStatusValue() != 0) {
                patched.setStatus(VideoStatus.valueOf(updated.getStatus().name().replace("EVENT_", "")));
            }
            if (updated.getVisibilityValue() != 0) {
                patched.setVisibility(Visibility.valueOf(updated.getVisibility().name().replace("EVENT_", "")));
            }
            return patched.build();
        }));
    }

    @Incoming("video-deleted")
    public Uni<Void> onDeleted(byte[] record) {
        return consumer.consume(GROUP, record, VideoDeleted.class, deleted -> catalog.forget(deleted.getVideoId()));
    }

    @Incoming("admin-video-banned")
    public Uni<Void> onBanned(byte[] record) {
        return consumer.consume(GROUP, record, AdminVideoBanned.class, banned -> catalog.changed(banned.getVideoId(),
                video -> video.toBuilder().setStatus(VideoStatus.VIDEO_STATUS_BANNED).clearRenditions().build()));
    }
}
