package dev.videoplatform.admin.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which videos are banned and which users suspended ({@code video_ban}, {@code user_suspension}). */
@ApplicationScoped
public class ModerationState {

    /** A ban in force: the video's channel (for the unban event) and the ban's audit entry. */
    public record Ban(String videoId, String channelId, String auditEntryId) {
    }

    private final Pool pool;

    public ModerationState(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Uni<Optional<Ban>> ban(SqlClient client, String videoId) {
        return client.preparedQuery("SELECT video_id, channel_id, audit_entry_id FROM video_ban WHERE video_id = $1")
                .execute(Tuple.of(videoId))
                .map(rows -> first(rows).map(r -> new Ban(r.getString("video_id"), r.getString("channel_id"),
                        r.getString("audit_entry_id"))));
    }

    public Uni<Void> addBan(SqlConnection tx, Ban ban) {
        return tx.preparedQuery("INSERT INTO video_ban (video_id, channel_id, audit_entry_id) VALUES ($1, $2, $3)")
                .execute(Tuple.of(ban.videoId(), ban.channelId(), ban.auditEntryId())).replaceWithVoid();
    }

    public Uni<Void> liftBan(SqlConnection tx, String videoId) {
        return tx.preparedQuery("DELETE FROM video_ban WHERE video_id = $1").execute(Tuple.of(videoId)).replaceWithVoid();
    }

    /** The audit entry of the user's suspension in force, if any. */
    public Uni<Optional<String>> suspension(SqlClient client, String userId) {
        return client.preparedQuery("SELECT audit_entry_id FROM user_suspension WHERE user_id = $1")
                .execute(Tuple.of(userId)).map(rows -> first(rows).map(r -> r.getString("audit_entry_id")));
    }

    /**
     * The same, with the row locked for {@code tx}. Suspension rows are locked before the audit
     * head (as the expiry job does), so the two never wait for each other in a circle.
     */
    public Uni<Optional<String>> lockSuspension(SqlConnection tx, String userId) {
        return tx.preparedQuery("SELECT audit_entry_id FROM user_suspension WHERE user_id = $1 FOR UPDATE")
                .execute(Tuple.of(userId)).map(rows -> first(rows).map(r -> r.getString("audit_entry_id")));
    }

    public Uni<Void> addSuspension(SqlConnection tx, String userId, String auditEntryId, Instant endTime) {
        return tx.preparedQuery("INSERT INTO user_suspension (user_id, audit_entry_id, end_time) VALUES ($1, $2, $3)")
                .execute(Tuple.of(userId, auditEntryId, AuditLog.utc(endTime))).replaceWithVoid();
    }

    public Uni<Void> liftSuspension(SqlConnection tx, String userId) {
        return tx.preparedQuery("DELETE FROM user_suspension WHERE user_id = $1").execute(Tuple.of(userId))
                .replaceWithVoid();
    }

    /**
     * Users whose timed suspension has ended, locked for {@code tx}; rows another replica holds
     * are skipped, so replicas never end the same suspension twice.
     */
    public Uni<List<String>> lockExpiredSuspensions(SqlConnection tx, int limit) {
        return tx.preparedQuery("SELECT user_id FROM user_suspension WHERE end_time <= now() ORDER BY end_time"
                        + " LIMIT $1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(limit)).map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString("user_id")));
                    return ids;
                });
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
    }
}
