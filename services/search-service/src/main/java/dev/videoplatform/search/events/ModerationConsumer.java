package dev.videoplatform.search.events;

import dev.videoplatform.events.v1.AdminUserReinstated;
import dev.videoplatform.events.v1.AdminUserSuspended;
import dev.videoplatform.events.v1.AdminVideoBanned;
import dev.videoplatform.events.v1.AdminVideoUnbanned;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.IdempotentConsumer;
import dev.videoplatform.search.cache.IndexGeneration;
import dev.videoplatform.search.repository.ChannelIndex;
import dev.videoplatform.search.repository.VideoIndex;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Admin's bans and suspensions: a banned video, or every video of a suspended user, leaves the
 * results at once (this does not wait for upload-service's video.updated); the later of a ban and
 * an un-ban, or of a suspension and a reinstatement, wins whatever their order here.
 */
@ApplicationScoped
public class ModerationConsumer {

    private final IdempotentConsumer consumer;
    private final VideoIndex index;
    private final ChannelIndex channels;
    private final IndexGeneration generation;

    public ModerationConsumer(IdempotentConsumer consumer, VideoIndex index, ChannelIndex channels, IndexGeneration generation) {
        this.consumer = consumer;
        this.index = index;
        this.channels = channels;
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

    @Incoming("admin-user-suspended")
    public Uni<Void> onSuspended(byte[] record) {
        return consumer.consume(CatalogConsumer.GROUP, record, AdminUserSuspended.class, call -> channels.suspend(call.tx(),
                EventEnvelopes.requiredId(call.envelope(), call.event().getUserId(), "user_id"), true,
                EventEnvelopes.occurredAt(call.envelope())).replaceWithVoid()).replaceWithVoid().invoke(generation::indexChanged);
    }

    @Incoming("admin-user-reinstated")
    public Uni<Void> onReinstated(byte[] record) {
        return consumer.consume(CatalogConsumer.GROUP, record, AdminUserReinstated.class, call -> channels.suspend(call.tx(),
                EventEnvelopes.requiredId(call.envelope(), call.event().getUserId(), "user_id"), false,
                EventEnvelopes.occurredAt(call.envelope())).replaceWithVoid()).replaceWithVoid().invoke(generation::indexChanged);
    }
}
