package dev.videoplatform.search.events;

import dev.videoplatform.events.v1.AnalyticsVideoCounts;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.IdempotentConsumer;
import dev.videoplatform.search.cache.IndexGeneration;
import dev.videoplatform.search.repository.VideoIndex;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Analytics' view counts, for ranking (popularity) and autocomplete weights; an older count never replaces a newer one. */
@ApplicationScoped
public class ViewCountsConsumer {

    private final IdempotentConsumer consumer;
    private final VideoIndex index;
    private final IndexGeneration generation;

    public ViewCountsConsumer(IdempotentConsumer consumer, VideoIndex index, IndexGeneration generation) {
        this.consumer = consumer;
        this.index = index;
        this.generation = generation;
    }

    @Incoming("analytics-video-counts")
    public Uni<Void> onCounts(byte[] record) {
        // Counts change all the time; cached answers are retired only for changes that move a video noticeably.
        AtomicBoolean regraded = new AtomicBoolean();
        return consumer.consume(CatalogConsumer.GROUP, record, AnalyticsVideoCounts.class, call -> index.countViews(
                call.tx(), EventEnvelopes.requiredId(call.envelope(), call.event().getVideoId(), "video_id"),
                Math.max(0, call.event().getViewCount()), EventEnvelopes.occurredAt(call.envelope()))
                .invoke(regraded::set).replaceWithVoid())
                .replaceWithVoid().invoke(() -> {
                    if (regraded.get()) {
                        generation.indexChanged();
                    }
                });
    }
}
