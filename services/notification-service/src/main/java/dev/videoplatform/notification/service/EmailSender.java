package dev.videoplatform.notification.service;

import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.NotificationEmail;
import dev.videoplatform.notification.client.UserDirectory;
import dev.videoplatform.notification.config.NotificationConfig;
import dev.videoplatform.notification.repository.OutgoingEmails;
import dev.videoplatform.notification.repository.OutgoingEmails.Claimed;
import dev.videoplatform.notification.repository.PreferenceStore;
import dev.videoplatform.notification.v1.Delivery;
import dev.videoplatform.notification.v1.NotificationKind;
import dev.videoplatform.notification.v1.Preferences;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.ids.Uuid7;
import dev.videoplatform.platform.outbox.OutboxWriter;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends the queued emails, one user at a time: the user's due emails are claimed, checked
 * against their current preferences, and sent one by one while the user got at most a few in
 * the digest window, else folded into one digest (held until the window allows one more email).
 * A failure (SMTP or address lookup) counts an attempt and backs off; after the last attempt the
 * events go to {@code notification.email.dlq}. Nothing here touches the inbox.
 */
@ApplicationScoped
public class EmailSender {

    private static final Logger LOG = Logger.getLogger(EmailSender.class);

    private final OutgoingEmails queue;
    private final PreferenceStore preferences;
    private final UserDirectory users;
    private final EmailComposer composer;
    private final ReactiveMailer mailer;
    private final OutboxWriter outbox;
    private final NotificationConfig.Email config;
    private final Drain drain;

    public EmailSender(OutgoingEmails queue, PreferenceStore preferences, UserDirectory users,
            EmailComposer composer, ReactiveMailer mailer, OutboxWriter outbox, NotificationConfig config) {
        this.queue = queue;
        this.preferences = preferences;
        this.users = users;
        this.composer = composer;
        this.mailer = mailer;
        this.outbox = outbox;
        this.config = config.email();
        this.drain = new Drain(() -> queue.claim(this.config.lease())
                .flatMap(claimed -> claimed.isEmpty() ? Uni.createFrom().item(false) : send(claimed).replaceWith(true)),
                "email sending stopped, the queue is retried");
    }

    @Scheduled(every = "${videoplatform.notification.email.poll-interval}", delayed = "1s")
    void poll() {
        wake();
    }

    /** Sends what is due unless this replica already does; a wake-up meanwhile runs it again. */
    public void wake() {
        drain.wake();
    }

    /** One user's due emails. */
    private Uni<Void> send(List<Claimed> claimed) {
        String userId = claimed.get(0).envelope().getAggregateKey();
        return preferences.find(queue.pool(), userId, false).flatMap(stored -> {
            Preferences p = stored.map(PreferenceStore.Stored::values).orElse(PreferenceSettings.DEFAULTS);
            List<EventEnvelope> envelopes = new ArrayList<>();
            List<NotificationEmail> emails = new ArrayList<>();
            List<String> unwanted = new ArrayList<>();
            for (Claimed c : claimed) {
                NotificationEmail email = EventEnvelopes.payload(c.envelope(), NotificationEmail.class);
                if (wanted(p, email)) {
                    envelopes.add(c.envelope());
                    emails.add(email);
                } else {
                    unwanted.add(c.envelope().getEventId()); // unsubscribed since it was queued
                }
            }
            Uni<Void> dropped = unwanted.isEmpty() ? Uni.createFrom().voidItem() : queue.drop(unwanted, "unsubscribed");
            return emails.isEmpty() ? dropped : dropped.flatMap(x -> sendWanted(userId, envelopes, emails));
        });
    }

    private Uni<Void> sendWanted(String userId, List<EventEnvelope> envelopes, List<NotificationEmail> emails) {
        List<String> eventIds = envelopes.stream().map(EventEnvelope::getEventId).toList();
        return queue.sentWithin(userId, config.digestWindow()).flatMap(recent -> {
            int threshold = config.digestThreshold();
            if (recent.emails() + emails.size() <= threshold) {
                return each(userId, envelopes, emails);
            }
            if (recent.emails() < threshold) {
                return deliver(userId, envelopes, emails, Uuid7.next());
            }
            // The user had their few emails in this window: the rest waits for one digest.
            Instant until = recent.oldest().orElseGet(Instant::now).plus(config.digestWindow());
            return queue.defer(eventIds, until);
        });
    }

    private Uni<Void> each(String userId, List<EventEnvelope> envelopes, List<NotificationEmail> emails) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < envelopes.size(); i++) {
            EventEnvelope envelope = envelopes.get(i);
            NotificationEmail email = emails.get(i);
            chain = chain.flatMap(x -> deliver(userId, List.of(envelope), List.of(email), envelope.getEventId()));
        }
        return chain;
    }

    /** Sends {@code emails} as the email {@code messageId}; a failure is an attempt of each. */
    private Uni<Void> deliver(String userId, List<EventEnvelope> envelopes, List<NotificationEmail> emails,
            String messageId) {
        List<String> eventIds = envelopes.stream().map(EventEnvelope::getEventId).toList();
        return users.emailAddress(userId).flatMap(address -> {
            if (address.isEmpty()) {
                return queue.drop(eventIds, "no such active account");
            }
            return mailer.send(composer.compose(address.get(), emails)).call(() -> queue.markSent(eventIds, messageId));
        }).onFailure().recoverWithUni(failure -> attemptFailed(eventIds, failure));
    }

    private Uni<Void> attemptFailed(List<String> eventIds, Throwable failure) {
        String error = String.valueOf(failure.getMessage());
        return queue.pool().withTransaction(tx -> queue.failed(tx, eventIds, error, config.retryBackoff(),
                        config.maxBackoff(), config.maxAttempts())
                .call(givenUp -> {
                    if (!givenUp.isEmpty()) {
                        LOG.warnf("%d email(s) given up after %d attempts, dead-lettered: %s", givenUp.size(),
                                config.maxAttempts(), error);
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (EventEnvelope envelope : givenUp) {
                        chain = chain.call(() -> outbox.appendDeadLetter(tx, envelope));
                    }
                    return chain;
                }))
                .replaceWithVoid();
    }

    private static boolean wanted(Preferences p, NotificationEmail email) {
        NotificationKind kind = NotificationKind.forNumber(email.getKindValue());
        return p.getEmailEnabled() && kind != null && PreferenceSettings.deliveryOf(p, kind) == Delivery.DELIVERY_EMAIL;
    }
}
