package dev.videoplatform.recommendation.events;

import dev.videoplatform.events.v1.UserSubscribed;
import dev.videoplatform.events.v1.UserUnsubscribed;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.TracedConsumer;
import dev.videoplatform.recommendation.repository.SubscriptionStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Subscriptions from user-service's events (the later event wins, so redelivery is harmless). */
@ApplicationScoped
public class SubscriptionConsumer {

    private final TracedConsumer consumer;
    private final SubscriptionStore subscriptions;

    public SubscriptionConsumer(TracedConsumer consumer, SubscriptionStore subscriptions) {
        this.consumer = consumer;
        this.subscriptions = subscriptions;
    }

    @Incoming("user-subscribed")
    public Uni<Void> onSubscribed(byte[] record) {
        return consumer.consume(ViewConsumer.GROUP, record, UserSubscribed.class, (envelope, event) -> subscriptions.changed(
                EventEnvelopes.requiredId(envelope, event.getSubscriberId(), "subscriber_id"),
                EventEnvelopes.requiredId(envelope, event.getChannelId(), "channel_id"), EventEnvelopes.occurredAt(envelope), true));
    }

    @Incoming("user-unsubscribed")
    public Uni<Void> onUnsubscribed(byte[] record) {
        return consumer.consume(ViewConsumer.GROUP, record, UserUnsubscribed.class, (envelope, event) -> subscriptions.changed(
                EventEnvelopes.requiredId(envelope, event.getSubscriberId(), "subscriber_id"),
                EventEnvelopes.requiredId(envelope, event.getChannelId(), "channel_id"), EventEnvelopes.occurredAt(envelope), false));
    }
}
