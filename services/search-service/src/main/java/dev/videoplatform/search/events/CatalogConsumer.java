package dev.videoplatform.search.events;

import com.google.protobuf.Timestamp;
import dev.videoplatform.events.v1.EventVideoStatus;
import dev.videoplatform.events.v1.EventVisibility;
import dev.videoplatform.events.v1.VideoDeleted;
import dev.videoplatform.events.v1.VideoPublished;
import dev.videoplatform.events.v1.VideoUpdated;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.IdempotentConsumer;
import dev.videoplatform.search.cache.IndexGeneration;
import dev.videoplatform.search.repository.VideoIndex;
import dev.videoplatform.search.repository.VideoIndex.CatalogState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The catalog's events (upload-service) into the read model: published and updated videos are
 * upserted with their full state (listed only while PUBLIC and READY), deleted ones become
 * tombstones. Each event is versioned by its occurred-at, so a replay or a late event is a no-op.
 */
@ApplicationScoped
public class CatalogConsumer {

    static final String GROUP = "search-service";

    private final IdempotentConsumer consumer;
    private final VideoIndex index;
    private final IndexGeneration generation;

    public CatalogConsumer(IdempotentConsumer consumer, VideoIndex index, IndexGeneration generation) {
        this.consumer = consumer;
        this.index = index;
        this.generation = generation;
    }

    @Incoming("video-published")
    public Uni<Void> onPublished(byte[] record) {
        return consumer.consume(GROUP, record, VideoPublished.class, call -> {
            VideoPublished e = call.event();
            Instant version = EventEnvelopes.occurredAt(call.envelope());
            CatalogState state = new CatalogState(EventEnvelopes.requiredId(call.envelope(), e.getVideoId(), "video_id"), e.getChannelId(),
                    e.getTitle(), e.getDescription(), e.getTagsList(), EventTimes.millis(e.getDuration()),
                    publishedAt(e.hasPublishTime(), e.getPublishTime(), version), e.getPosterUrl(),
                    e.getVisibility() == EventVisibility.EVENT_VISIBILITY_PUBLIC, true);
            return index.applyCatalog(call.tx(), state, version).replaceWithVoid();
        }).replaceWithVoid().invoke(generation::indexChanged);
    }

    @Incoming("video-updated")
    public Uni<Void> onUpdated(byte[] record) {
        return consumer.consume(GROUP, record, VideoUpdated.class, call -> {
            VideoUpdated e = call.event();
            // The catalog's own clock orders its copies, events and a rebuild's alike.
            Instant version = e.hasUpdateTime() ? EventTimes.instant(e.getUpdateTime()) : EventEnvelopes.occurredAt(call.envelope());
            CatalogState state = new CatalogState(EventEnvelopes.requiredId(call.envelope(), e.getVideoId(), "video_id"), e.getChannelId(),
                    e.getTitle(), e.getDescription(), e.getTagsList(), EventTimes.millis(e.getDuration()),
                    publishedAt(e.hasPublishTime(), e.getPublishTime(), version), e.getPosterUrl(),
                    e.getVisibility() == EventVisibility.EVENT_VISIBILITY_PUBLIC,
                    e.getStatus() == EventVideoStatus.EVENT_VIDEO_STATUS_READY);
            return index.applyCatalog(call.tx(), state, version).replaceWithVoid();
        }).replaceWithVoid().invoke(generation::indexChanged);
    }

    @Incoming("video-deleted")
    public Uni<Void> onDeleted(byte[] record) {
        return consumer.consume(GROUP, record, VideoDeleted.class, call -> index.delete(call.tx(),
                EventEnvelopes.requiredId(call.envelope(), call.event().getVideoId(), "video_id"), call.event().getChannelId(),
                EventEnvelopes.occurredAt(call.envelope())).replaceWithVoid()).replaceWithVoid().invoke(generation::indexChanged);
    }

    /** A video never published before (made PUBLIC later) has no publish time yet: the change's time stands in. */
    private static Instant publishedAt(boolean present, Timestamp publishTime, Instant version) {
        return present ? EventTimes.instant(publishTime) : version;
    }
}
