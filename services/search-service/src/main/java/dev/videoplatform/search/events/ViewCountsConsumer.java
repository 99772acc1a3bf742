package dev.videoplatform.search.events;

import dev.videoplatform.events.v1.AnalyticsVideoCounts;
import dev.videoplatform.platform.events.IdempotentConsumer;
import dev.videoplatform.search.repository.VideoIndex;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Analytics' view counts, for ranking (popularity) and autocomplete weights; an older count never replaces a newer one. */
@ApplicationScoped
public class ViewCountsConsumer {

    private final IdempotentConsumer consumer;
    private final VideoIndex index;

    public ViewCountsConsumer(IdempotentConsumer consumer, VideoIndex index) {
        this.consumer = consumer;
        this.index = index;
    }

    @Incoming("analytics-video-counts")
    public Uni<Void> onCounts(byte[] record) {
        return consumer.consume(CatalogConsumer.GROUP, record, AnalyticsVideoCounts.class, call -> index.countViews(
                call.tx(), EventTimes.videoId(call.event().getVideoId(), call.envelope()),
                Math.max(0, call.event().getViewCount()), EventTimes.occurredAt(call.envelope())).replaceWithVoid())
                .replaceWithVoid();
    }
}
