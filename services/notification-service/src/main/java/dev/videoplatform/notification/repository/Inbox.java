package dev.videoplatform.notification.repository;

import dev.videoplatform.notification.v1.NotificationKind;
import dev.videoplatform.platform.ids.Uuid7;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code notification} table: inbox rows written in batches, read newest first. Whether a
 * recipient wants a notification at all (its kind not off, its actor not muted) is decided here,
 * in the same statement that writes it, so a fan-out page is one INSERT whatever the preferences.
 */
@ApplicationScoped
public class Inbox {

    private static final String INSERT = """
            INSERT INTO notification (id, recipient_id, source_key, kind, title, body, video_id, comment_id, actor_id,
                                      created_at)
            SELECT r.id, r.recipient_id, $3, $4, $5, $6, $7, $8, $9, $10
            FROM unnest($1::text[], $2::text[]) AS r(id, recipient_id)
            WHERE %s
            ON CONFLICT (source_key, recipient_id) DO NOTHING
            RETURNING id, recipient_id""";

    private static final String OPEN_SUBSCRIBER_BATCH = """
            SELECT id, cause_count FROM notification
            WHERE recipient_id = $1 AND kind = $2 AND read_at IS NULL AND created_at > $3
            ORDER BY created_at DESC LIMIT 1 FOR UPDATE""";

    private static final String GROW_BATCH = "UPDATE notification SET cause_count = cause_count + 1, title = $2,"
            + " body = $3, actor_id = $4, created_at = GREATEST(created_at, $5) WHERE id = $1 AND %s RETURNING "
            + InboxRow.COLUMNS;

    private static final String PAGE = "SELECT " + InboxRow.COLUMNS + " FROM notification WHERE recipient_id = $1"
            + " AND (created_at, id) < ($2, $3) %s ORDER BY created_at DESC, id DESC LIMIT $4";

    private static final String BY_IDS = "SELECT " + InboxRow.COLUMNS + " FROM notification"
            + " WHERE recipient_id = $1 AND id = ANY($2::text[]) ORDER BY created_at, id";

    private static final String AFTER = "SELECT " + InboxRow.COLUMNS + " FROM notification WHERE recipient_id = $1"
            + " AND (created_at, id) > ($2, $3) ORDER BY created_at, id LIMIT $4";

    /** Unread counts stop here (the API says so): a count is at most this many index entries. */
    public static final int UNREAD_CAP = 1000;

    // Asked for every streamed notification and heartbeat: bounded, so a user with a huge unread
    // backlog costs no more than one with 1,000.
    private static final String UNREAD = "SELECT count(*) FROM (SELECT 1 FROM notification WHERE recipient_id = $1"
            + " AND read_at IS NULL LIMIT " + UNREAD_CAP + ") unread";

    private static final String MARK_IDS = "UPDATE notification SET read_at = now()"
            + " WHERE recipient_id = $1 AND id = ANY($2::text[]) AND read_at IS NULL";

    private static final String MARK_UP_TO = "UPDATE notification SET read_at = now()"
            + " WHERE recipient_id = $1 AND created_at <= $2 AND read_at IS NULL";

    private static final String SWEEP = "DELETE FROM notification WHERE id IN"
            + " (SELECT id FROM notification WHERE created_at < $1 LIMIT $2)";

    private final Pool pool;

    public Inbox(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /**
     * Writes {@code notification} to those of {@code recipientIds} who want it and do not have it
     * yet; returns the rows written.
     */
    public Uni<List<InboxRow>> deliver(SqlClient tx, NewNotification n, List<String> recipientIds) {
        List<String> ids = new ArrayList<>(recipientIds.size());
        recipientIds.forEach(r -> ids.add(Uuid7.next()));
        String sql = INSERT.formatted(wantedBy("r.recipient_id", n.kind(), "$9"));
        // Stored with microseconds; the rows handed back carry exactly what was stored.
        Instant createdAt = n.createdAt().truncatedTo(ChronoUnit.MICROS);
        // Only the keys come back: the rest is the same for every row, so a 1,000-row page does not
        // ship its title and body back 1,000 times.
        return tx.preparedQuery(sql).execute(Tuple.tuple(List.of(ids.toArray(String[]::new),
                        recipientIds.toArray(String[]::new), n.sourceKey(), n.kind().getNumber(), n.title(), n.body(),
                        n.videoId(), n.commentId(), n.actorId(), utc(createdAt))))
                .map(rows -> {
                    List<InboxRow> written = new ArrayList<>(rows.size());
                    rows.forEach(row -> written.add(new InboxRow(row.getString(0), row.getString(1), n.kind(), n.title(),
                            n.body(), n.videoId(), n.commentId(), n.actorId(), createdAt, false)));
                    return written;
                });
    }

    /**
     * The recipient's open (unread, recent) batch of {@code kind}, locked for the transaction:
     * its id and how many causes it holds.
     */
    public Uni<Optional<Batch>> openBatch(SqlClient tx, String recipientId, NotificationKind kind, Instant since) {
        return tx.preparedQuery(OPEN_SUBSCRIBER_BATCH).execute(Tuple.of(recipientId, kind.getNumber(), utc(since)))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(new Batch(rows.iterator().next().getString(0), rows.iterator().next().getInteger(1))));
    }

    /** An open batch row: its id and the number of causes it stands for. */
    public record Batch(String id, int causeCount) {
    }

    /** Adds one cause to a batch if its recipient wants it; the row after the change. */
    public Uni<Optional<InboxRow>> grow(SqlClient tx, String batchId, NotificationKind kind, String title, String body,
            String actorId, Instant at) {
        return tx.preparedQuery(GROW_BATCH.formatted(wantedBy("recipient_id", kind, "$4")))
                .execute(Tuple.of(batchId, title, body, actorId, utc(at)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(InboxRow.of(rows.iterator().next())));
    }

    /** The recipient's rows before the (createdAt, id) cursor, newest first. */
    public Uni<List<InboxRow>> page(String recipientId, boolean unreadOnly, Instant beforeTime, String beforeId, int limit) {
        return pool.preparedQuery(PAGE.formatted(unreadOnly ? "AND read_at IS NULL" : ""))
                .execute(Tuple.of(recipientId, utc(beforeTime), beforeId, limit)).map(Inbox::rows);
    }

    /** The recipient's rows among {@code ids}, oldest first. */
    public Uni<List<InboxRow>> byIds(String recipientId, List<String> ids) {
        return pool.preparedQuery(BY_IDS).execute(Tuple.of(recipientId, ids.toArray(String[]::new))).map(Inbox::rows);
    }

    /** The recipient's rows after {@code row} in (createdAt, id) order, oldest first. */
    public Uni<List<InboxRow>> after(InboxRow row, int limit) {
        return pool.preparedQuery(AFTER).execute(Tuple.of(row.recipientId(), utc(row.createdAt()), row.id(), limit))
                .map(Inbox::rows);
    }

    public Uni<Long> unreadCount(SqlClient client, String recipientId) {
        return client.preparedQuery(UNREAD).execute(Tuple.of(recipientId)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Marks the recipient's rows with these ids read; returns how many changed. */
    public Uni<Integer> markRead(SqlClient tx, String recipientId, List<String> ids) {
        return tx.preparedQuery(MARK_IDS).execute(Tuple.of(recipientId, ids.toArray(String[]::new))).map(r -> r.rowCount());
    }

    /** Marks the recipient's rows created at or before {@code upTo} read; returns how many changed. */
    public Uni<Integer> markReadUpTo(SqlClient tx, String recipientId, Instant upTo) {
        return tx.preparedQuery(MARK_UP_TO).execute(Tuple.of(recipientId, utc(upTo))).map(r -> r.rowCount());
    }

    /** Deletes at most {@code limit} rows created before {@code cutoff}; returns how many. */
    public Uni<Integer> deleteOlderThan(Instant cutoff, int limit) {
        return pool.preparedQuery(SWEEP).execute(Tuple.of(utc(cutoff), limit)).map(r -> r.rowCount());
    }

    /**
     * SQL that is true when the recipient wants notifications of {@code kind} from the actor:
     * users without a preferences row have the defaults, none of which is off.
     */
    private static String wantedBy(String recipient, NotificationKind kind, String actorParam) {
        return "NOT EXISTS (SELECT 1 FROM preferences p WHERE p.user_id = " + recipient + " AND (p."
                + PreferenceColumns.of(kind) + " = " + PreferenceColumns.OFF + " OR " + actorParam
                + " = ANY (p.muted_channel_ids)))";
    }

    private static List<InboxRow> rows(RowSet<Row> rows) {
        List<InboxRow> result = new ArrayList<>(rows.size());
        rows.forEach(row -> result.add(InboxRow.of(row)));
        return result;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
