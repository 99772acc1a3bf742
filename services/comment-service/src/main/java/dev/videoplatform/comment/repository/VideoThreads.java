package dev.videoplatform.comment.repository;

import com.google.protobuf.Timestamp;
import dev.videoplatform.platform.auth.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code video_thread}: per video, its owner, whether admin banned it, whether it is PRIVATE (only
 * the owner and admins read it) and the pinned comment; and {@code video_comment_count}, the
 * number of live comments (replies included), in shards.
 */
@ApplicationScoped
public class VideoThreads {

    /** A video's thread state. {@code pinnedCommentId} may be null. */
    public record Thread(String videoId, String channelId, boolean banned, boolean ownerOnly, UUID pinnedCommentId,
            long commentCount) {

        /** Whether {@code viewer} may read the thread: anyone unless it is PRIVATE, then its owner and admins. */
        public boolean readableBy(Caller viewer) {
            return !ownerOnly || viewer.isSelfOrAdmin(channelId);
        }
    }

    private static final String GET = """
            SELECT video_id, channel_id, banned, owner_only, pinned_comment_id,
                (SELECT coalesce(sum(s.count), 0) FROM video_comment_count s WHERE s.video_id = t.video_id) AS comment_count
            FROM video_thread t WHERE video_id = $1""";

    // Nothing is written, and no row locked, when the thread already has this answer or a newer
    // one: the common case, as every AddComment passes the catalog's (cached) answer.
    private static final String FOLLOW = """
            INSERT INTO video_thread (video_id, channel_id, owner_only, catalog_at)
            SELECT $1::text, $2::text, $3::boolean, $4::timestamptz WHERE NOT EXISTS
                (SELECT 1 FROM video_thread WHERE video_id = $1 AND catalog_at >= $4)
            ON CONFLICT (video_id) DO UPDATE SET owner_only = excluded.owner_only, catalog_at = excluded.catalog_at
            WHERE video_thread.catalog_at IS NULL OR video_thread.catalog_at < excluded.catalog_at""";

    /** Shards of a video's comment count (V3 migration): writers to one video rarely meet. */
    private static final int COUNT_SHARDS = 16;

    private static final String COUNT = "INSERT INTO video_comment_count (video_id, shard, count) VALUES ($1, $2, $3)"
            + " ON CONFLICT (video_id, shard) DO UPDATE SET count = video_comment_count.count + excluded.count";

    private static final String PIN = "UPDATE video_thread SET pinned_comment_id = $2 WHERE video_id = $1";

    private static final String UNPIN = "UPDATE video_thread SET pinned_comment_id = NULL"
            + " WHERE video_id = $1 AND pinned_comment_id = $2";

    private static final String MODERATE = """
            INSERT INTO video_thread (video_id, channel_id, banned, moderated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (video_id) DO UPDATE SET banned = excluded.banned, moderated_at = excluded.moderated_at
            WHERE video_thread.moderated_at IS NULL OR video_thread.moderated_at <= excluded.moderated_at""";

    private static final String DELETE = "DELETE FROM video_thread WHERE video_id = $1";

    private static final String DELETE_COUNT = "DELETE FROM video_comment_count WHERE video_id = $1";

    public Uni<Optional<Thread>> find(SqlClient client, String videoId) {
        return client.preparedQuery(GET).execute(Tuple.of(videoId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(thread(rows.iterator().next())));
    }

    /**
     * Records what the catalog said of the video as of {@code at} (its owner, whether it is
     * PRIVATE), creating the thread if needed; an answer older than the one applied is ignored.
     */
    public Uni<Void> follow(SqlClient client, String videoId, String channelId, boolean ownerOnly, Timestamp at) {
        Instant time = Instant.ofEpochSecond(at.getSeconds(), at.getNanos());
        return client.preparedQuery(FOLLOW).execute(Tuple.of(videoId, channelId, ownerOnly, CommentRepository.utc(time)))
                .replaceWithVoid();
    }

    /** Adds {@code delta} to the number of live comments (to one shard of it, chosen at random). */
    public Uni<Void> count(SqlClient tx, String videoId, int delta) {
        short shard = (short) ThreadLocalRandom.current().nextInt(COUNT_SHARDS);
        return tx.preparedQuery(COUNT).execute(Tuple.of(videoId, shard, (long) delta)).replaceWithVoid();
    }

    /** Pins {@code commentId} (replacing any other). */
    public Uni<Void> pin(SqlClient tx, String videoId, UUID commentId) {
        return tx.preparedQuery(PIN).execute(Tuple.of(videoId, commentId)).replaceWithVoid();
    }

    /** Unpins {@code commentId} if it is the pinned one. */
    public Uni<Void> unpin(SqlClient tx, String videoId, UUID commentId) {
        return tx.preparedQuery(UNPIN).execute(Tuple.of(videoId, commentId)).replaceWithVoid();
    }

    /** Bans or un-bans as of {@code at}; a decision older than the one applied is ignored. */
    public Uni<Void> moderate(SqlClient tx, String videoId, String channelId, boolean banned, Instant at) {
        return tx.preparedQuery(MODERATE).execute(Tuple.of(videoId, channelId, banned, CommentRepository.utc(at)))
                .replaceWithVoid();
    }

    public Uni<Void> delete(SqlClient tx, String videoId) {
        return tx.preparedQuery(DELETE).execute(Tuple.of(videoId))
                .flatMap(x -> tx.preparedQuery(DELETE_COUNT).execute(Tuple.of(videoId))).replaceWithVoid();
    }

    private static Thread thread(Row r) {
        return new Thread(r.getString("video_id"), r.getString("channel_id"), r.getBoolean("banned"),
                r.getBoolean("owner_only"), r.getUUID("pinned_comment_id"), r.getLong("comment_count"));
    }
}
