package dev.videoplatform.search.events;

import dev.videoplatform.events.v1.AdminVideoBanned;
import dev.videoplatform.events.v1.AdminVideoUnbanned;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.IdempotentConsumer;
import dev.videoplatform.search.cache.IndexGeneration;
import dev.videoplatform.search.repository.VideoIndex;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Admin's bans and un-bans: a banned video leaves the results at once (this does not wait for
 * upload-service's video.updated); the later of a ban and an un-ban wins, whatever their order here.
 */
@ApplicationScoped
public class ModerationConsumer {

    private final IdempotentConsumer consumer;
    private final VideoIndex index;
    private final IndexGeneration generation;

    public ModerationConsumer(IdempotentConsumer consumer, VideoIndex index, IndexGeneration generation) {
        this.consumer = consumer;
        this.index = index;
        this.generation = generation;
    }

    @Incoming("admin-video-banned")
    public Uni<Void> onBanned(byte[] record) {
        return consumer.consume(CatalogConsumer.GROUP, record, AdminVideoBanned.class, call -> index.moderate(call.tx(),
                EventEnvelopes.requiredId(call.envelope(), call.event().getVideoId(), "video_id"), call.event().getChannelId(), true,
                EventEnvelopes.occurredAt(call.envelope())).replaceWithVoid()).replaceWithVoid().invoke(generation::indexChanged);
    }

    @Incoming("admin-video-unbanned")
    public Uni<Void> onUnbanned(byte[] record) {
        return consumer.consume(CatalogConsumer.GROUP, record, AdminVideoUnbanned.class, call -> index.moderate(call.tx(),
                EventEnvelopes.requiredId(call.envelope(), call.event().getVideoId(), "video_id"), call.event().getChannelId(), false,
                EventEnvelopes.occurredAt(call.envelope())).replaceWithVoid()).replaceWithVoid().invoke(generation::indexChanged);
    }
}
