package dev.videoplatform.notification.repository;

import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.platform.events.EventEnvelopes;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code outgoing_email} table: the sender's queue of notification.email events, per user. */
@ApplicationScoped
public class OutgoingEmails {

    /** A claimed email: its event and how many attempts failed before. */
    public record Claimed(EventEnvelope envelope, int attempts) {
    }

    /** What a user was sent within a window: how many emails, and when the oldest of them went. */
    public record Recent(int emails, Optional<Instant> oldest) {
    }

    private static final String ENQUEUE = "INSERT INTO outgoing_email (event_id, user_id, envelope, due_at)"
            + " VALUES ($1, $2, $3, now()) ON CONFLICT (event_id) DO NOTHING";

    // All due emails of the user whose email is due longest; SKIP LOCKED lets replicas take
    // different users, and the re-checked due_at keeps a second replica off rows just claimed.
    private static final String CLAIM = """
            UPDATE outgoing_email SET due_at = now() + $1 * interval '1 millisecond'
            WHERE user_id = (SELECT user_id FROM outgoing_email
                             WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= now()
                             ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED)
              AND sent_at IS NULL AND failed_at IS NULL AND due_at <= now()
            RETURNING envelope, attempts""";

    private static final String RECENT = "SELECT count(DISTINCT message_id), min(sent_at) FROM outgoing_email"
            + " WHERE user_id = $1 AND sent_at > now() - $2 * interval '1 millisecond'";

    private static final String SENT = "UPDATE outgoing_email SET sent_at = now(), message_id = $2, last_error = ''"
            + " WHERE event_id = ANY($1::text[])";

    private static final String DEFER = "UPDATE outgoing_email SET due_at = $2 WHERE event_id = ANY($1::text[])";

    // Back-off doubles per failed attempt up to a cap; the last allowed attempt gives up.
    private static final String FAILED = """
            UPDATE outgoing_email SET attempts = attempts + 1, last_error = $2,
                due_at = now() + least($4, $3 * power(2, attempts)) * interval '1 millisecond',
                failed_at = CASE WHEN attempts + 1 >= $5 THEN now() END
            WHERE event_id = ANY($1::text[])
            RETURNING envelope, failed_at IS NOT NULL""";

    private static final String DROP = "UPDATE outgoing_email SET failed_at = now(), last_error = $2"
            + " WHERE event_id = ANY($1::text[])";

    private static final String SWEEP = "DELETE FROM outgoing_email WHERE created_at < $1"
            + " AND (sent_at IS NOT NULL OR failed_at IS NOT NULL)";

    private final Pool pool;

    public OutgoingEmails(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Queues the email event for its user, due now, unless it is queued already. */
    public Uni<Void> enqueue(SqlClient tx, EventEnvelope envelope, String userId) {
        return tx.preparedQuery(ENQUEUE).execute(Tuple.of(envelope.getEventId(), userId,
                Buffer.buffer(envelope.toByteArray()))).replaceWithVoid();
    }

    /** The due emails of one user, held by the caller for {@code lease}; empty when nothing is due. */
    public Uni<List<Claimed>> claim(Duration lease) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(lease.toMillis())).map(rows -> {
            List<Claimed> claimed = new ArrayList<>(rows.size());
            for (Row row : rows) {
                claimed.add(new Claimed(envelope(row), row.getInteger(1)));
            }
            return claimed;
        });
    }

    public Uni<Recent> sentWithin(String userId, Duration window) {
        return pool.preparedQuery(RECENT).execute(Tuple.of(userId, window.toMillis())).map(rows -> {
            Row row = rows.iterator().next();
            return new Recent(row.getInteger(0), Optional.ofNullable(row.getOffsetDateTime(1)).map(t -> t.toInstant()));
        });
    }

    /** Marks the emails with these event ids as sent in the email {@code messageId}. */
    public Uni<Void> markSent(List<String> eventIds, String messageId) {
        return pool.preparedQuery(SENT).execute(Tuple.of(eventIds.toArray(String[]::new), messageId)).replaceWithVoid();
    }

    /** Holds the emails back until {@code until} (no attempt counted). */
    public Uni<Void> defer(List<String> eventIds, Instant until) {
        return pool.preparedQuery(DEFER).execute(Tuple.of(eventIds.toArray(String[]::new), Inbox.utc(until)))
                .replaceWithVoid();
    }

    /** Gives the emails up without sending (nobody to send them to); no retry. */
    public Uni<Void> drop(List<String> eventIds, String reason) {
        return pool.preparedQuery(DROP).execute(Tuple.of(eventIds.toArray(String[]::new), reason)).replaceWithVoid();
    }

    /**
     * Counts a failed attempt and schedules the next with back-off; returns the events that had
     * their last attempt (to be dead-lettered in the same transaction).
     */
    public Uni<List<EventEnvelope>> failed(SqlClient tx, List<String> eventIds, String error, Duration backoff,
            Duration maxBackoff, int maxAttempts) {
        return tx.preparedQuery(FAILED).execute(Tuple.of(eventIds.toArray(String[]::new), error, backoff.toMillis(),
                maxBackoff.toMillis(), maxAttempts)).map(rows -> {
                    List<EventEnvelope> givenUp = new ArrayList<>();
                    for (Row row : rows) {
                        if (row.getBoolean(1)) {
                            givenUp.add(envelope(row));
                        }
                    }
                    return givenUp;
                });
    }

    /** Deletes sent and given-up emails queued before {@code cutoff}; returns how many. */
    public Uni<Integer> deleteDoneBefore(Instant cutoff) {
        return pool.preparedQuery(SWEEP).execute(Tuple.of(Inbox.utc(cutoff))).map(rows -> rows.rowCount());
    }

    private static EventEnvelope envelope(Row row) {
        return EventEnvelopes.parse(row.getBuffer(0).getBytes());
    }
}
