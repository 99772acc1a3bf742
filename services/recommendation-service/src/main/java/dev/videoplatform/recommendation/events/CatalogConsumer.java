package dev.videoplatform.recommendation.events;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.videoplatform.events.v1.AdminVideoBanned;
import dev.videoplatform.events.v1.AdminVideoUnbanned;
import dev.videoplatform.events.v1.EventVideoStatus;
import dev.videoplatform.events.v1.EventVisibility;
import dev.videoplatform.events.v1.VideoDeleted;
import dev.videoplatform.events.v1.VideoPublished;
import dev.videoplatform.events.v1.VideoUpdated;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.TracedConsumer;
import dev.videoplatform.recommendation.repository.CandidatePool;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The candidate pool from catalog and moderation events. Each event is applied as "the state at
 * its time" (the later one wins), which is idempotent by itself: a {@link TracedConsumer} is all
 * the bookkeeping needed.
 */
@ApplicationScoped
public class CatalogConsumer {

    private final TracedConsumer consumer;
    private final CandidatePool pool;

    public CatalogConsumer(TracedConsumer consumer, CandidatePool pool) {
        this.consumer = consumer;
        this.pool = pool;
    }

    @Incoming("video-published")
    public Uni<Void> onPublished(byte[] record) {
        return consumer.consume(ViewConsumer.GROUP, record, VideoPublished.class, (envelope, video) -> pool.describe(
                EventEnvelopes.requiredId(envelope, video.getVideoId(), "video_id"), EventEnvelopes.occurredAt(envelope),
                new CandidatePool.Metadata(video.getChannelId(), video.getTitle(), video.getPosterUrl(),
                        millis(video.getDuration()), millis(video.getPublishTime()), EventVisibility.EVENT_VISIBILITY_PUBLIC_VALUE,
                        EventVideoStatus.EVENT_VIDEO_STATUS_READY_VALUE, video.getTagsList())));
    }

    @Incoming("video-updated")
    public Uni<Void> onUpdated(byte[] record) {
        return consumer.consume(ViewConsumer.GROUP, record, VideoUpdated.class, (envelope, video) -> pool.describe(
                EventEnvelopes.requiredId(envelope, video.getVideoId(), "video_id"), EventEnvelopes.occurredAt(envelope),
                new CandidatePool.Metadata(video.getChannelId(), video.getTitle(), video.getPosterUrl(),
                        millis(video.getDuration()), millis(video.getPublishTime()), video.getVisibilityValue(),
                        video.getStatusValue(), video.getTagsList())));
    }

    @Incoming("video-deleted")
    public Uni<Void> onDeleted(byte[] record) {
        return consumer.consume(ViewConsumer.GROUP, record, VideoDeleted.class, (envelope, video) -> pool.deleted(
                EventEnvelopes.requiredId(envelope, video.getVideoId(), "video_id"), EventEnvelopes.occurredAt(envelope)));
    }

    @Incoming("admin-video-banned")
    public Uni<Void> onBanned(byte[] record) {
        return consumer.consume(ViewConsumer.GROUP, record, AdminVideoBanned.class, (envelope, video) -> pool.banned(
                EventEnvelopes.requiredId(envelope, video.getVideoId(), "video_id"), EventEnvelopes.occurredAt(envelope), true));
    }

    @Incoming("admin-video-unbanned")
    public Uni<Void> onUnbanned(byte[] record) {
        return consumer.consume(ViewConsumer.GROUP, record, AdminVideoUnbanned.class, (envelope, video) -> pool.banned(
                EventEnvelopes.requiredId(envelope, video.getVideoId(), "video_id"), EventEnvelopes.occurredAt(envelope), false));
    }

    private static long millis(Duration duration) {
        return duration.getSeconds() * 1000 + duration.getNanos() / 1_000_000;
    }

    private static long millis(Timestamp time) {
        return time.getSeconds() * 1000 + time.getNanos() / 1_000_000;
    }
}
