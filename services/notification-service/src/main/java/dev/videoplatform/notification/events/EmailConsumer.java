package dev.videoplatform.notification.events;

import dev.videoplatform.events.v1.NotificationEmail;
import dev.videoplatform.notification.repository.OutgoingEmails;
import dev.videoplatform.notification.service.EmailSender;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code notification.email} → the sender's queue. The record is done once the email is queued;
 * sending (with its retries and digests) runs outside the consumer, so an SMTP outage never
 * holds up the partition.
 */
@ApplicationScoped
public class EmailConsumer {

    private final IdempotentConsumer consumer;
    private final OutgoingEmails queue;
    private final EmailSender sender;

    public EmailConsumer(IdempotentConsumer consumer, OutgoingEmails queue, EmailSender sender) {
        this.consumer = consumer;
        this.queue = queue;
        this.sender = sender;
    }

    @Incoming("notification-email")
    public Uni<Void> onEmail(byte[] record) {
        return consumer.consume(ActivityConsumer.GROUP, record, NotificationEmail.class,
                call -> queue.enqueue(call.tx(), call.envelope(),
                        EventEnvelopes.requiredId(call.envelope(), call.event().getUserId(), "user_id")))
                .invoke(sender::wake).replaceWithVoid();
    }
}
