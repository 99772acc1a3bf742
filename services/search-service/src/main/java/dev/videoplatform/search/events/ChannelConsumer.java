package dev.videoplatform.search.events;

import dev.videoplatform.events.v1.UserUpdated;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.IdempotentConsumer;
import dev.videoplatform.search.cache.IndexGeneration;
import dev.videoplatform.search.repository.ChannelIndex;
import dev.videoplatform.search.repository.ChannelIndex.Channel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * user-service's profiles as channel names (a channel is a user): a registration or a rename
 * re-indexes the channel's videos. Ordered by the profile's update_time, so a late event is a no-op.
 */
@ApplicationScoped
public class ChannelConsumer {

    private final IdempotentConsumer consumer;
    private final ChannelIndex channels;
    private final IndexGeneration generation;

    public ChannelConsumer(IdempotentConsumer consumer, ChannelIndex channels, IndexGeneration generation) {
        this.consumer = consumer;
        this.channels = channels;
        this.generation = generation;
    }

    @Incoming("user-updated")
    public Uni<Void> onUserUpdated(byte[] record) {
        return consumer.consume(CatalogConsumer.GROUP, record, UserUpdated.class, call -> {
            UserUpdated e = call.event();
            String userId = EventEnvelopes.requiredId(call.envelope(), e.getUserId(), "user_id");
            // The profile's own clock orders its copies (a rebuild reads the same update_time).
            return channels.apply(call.tx(), new Channel(userId, e.getUsername(), e.getDisplayName(),
                    e.hasUpdateTime() ? EventTimes.instant(e.getUpdateTime()) : EventEnvelopes.occurredAt(call.envelope())))
                    .replaceWithVoid();
        }).replaceWithVoid().invoke(generation::indexChanged);
    }
}
