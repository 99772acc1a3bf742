package dev.videoplatform.comment.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code comment} table. Lists read only what a viewer may see: nothing of a banned video,
 * nothing by a suspended author, deleted top-level comments only while they have replies (as
 * "deleted"), deleted replies never. Every list is one index scan in its order.
 */
@ApplicationScoped
public class CommentRepository {

    /** A comment as a write needs it, locked for the transaction, with its thread's owner and ban. */
    public record Target(UUID commentId, String videoId, UUID parentId, String authorId, boolean deleted,
            long replyCount, String channelId, boolean banned) {
    }

    /** A comment to insert; {@code requestId} may be null. */
    public record NewComment(UUID commentId, String videoId, UUID parentId, String replyToAuthorId, String authorId,
            String text, Instant createdAt, String requestId) {
    }

    private static final String FROM = " FROM comment c JOIN video_thread t ON t.video_id = c.video_id"
            + " LEFT JOIN comment_vote v ON v.comment_id = c.comment_id AND v.user_id = $1"
            + " LEFT JOIN comment_vote o ON o.comment_id = c.comment_id AND o.user_id = t.channel_id";

    private static final String VISIBLE = " AND NOT t.banned AND NOT EXISTS (SELECT 1 FROM author_moderation m"
            + " WHERE m.user_id = c.author_id AND m.suspended)";

    private static final String TOP_LEVEL = " AND c.parent_id IS NULL AND (NOT c.deleted OR c.reply_count > 0)";

    private static final String ONE = "SELECT " + CommentRow.COLUMNS + FROM + " WHERE c.comment_id = $2";

    private static final String VISIBLE_ONE = ONE + VISIBLE + TOP_LEVEL;

    static final String TOP_PAGE = "SELECT " + CommentRow.COLUMNS + FROM
            + " WHERE c.video_id = $2" + TOP_LEVEL + VISIBLE
            + " AND c.comment_id IS DISTINCT FROM t.pinned_comment_id"
            + " AND (c.top_score, c.comment_id) < ($3, $4)"
            + " ORDER BY c.top_score DESC, c.comment_id DESC LIMIT $5";

    static final String NEWEST_PAGE = "SELECT " + CommentRow.COLUMNS + FROM
            + " WHERE c.video_id = $2" + TOP_LEVEL + VISIBLE
            + " AND c.comment_id IS DISTINCT FROM t.pinned_comment_id"
            + " AND c.comment_id < $3"
            + " ORDER BY c.comment_id DESC LIMIT $4";

    private static final String REPLIES_PAGE = "SELECT " + CommentRow.COLUMNS + FROM
            + " WHERE c.parent_id = $2 AND NOT c.deleted" + VISIBLE
            + " AND c.comment_id > $3"
            + " ORDER BY c.comment_id LIMIT $4";

    private static final String TARGET = """
            SELECT c.comment_id, c.video_id, c.parent_id, c.author_id, c.deleted, c.reply_count, t.channel_id, t.banned
            FROM comment c JOIN video_thread t ON t.video_id = c.video_id
            WHERE c.comment_id = $1""";

    private static final String LOCK = TARGET + " FOR UPDATE OF c";

    private static final String BY_REQUEST = "SELECT comment_id FROM comment WHERE author_id = $1 AND request_id = $2";

    private static final String SAME_TEXT_SINCE = "SELECT 1 FROM comment"
            + " WHERE author_id = $1 AND created_at > $2 AND text = $3 AND NOT deleted LIMIT 1";

    private static final String INSERT = """
            INSERT INTO comment (comment_id, video_id, parent_id, reply_to_author_id, author_id, text, created_at,
                                 top_score, request_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, comment_top_score(0, 0, $7), $8)""";

    private static final String COUNT_REPLY = "UPDATE comment SET reply_count = reply_count + $2 WHERE comment_id = $1";

    private static final String EDIT = "UPDATE comment SET text = $2, edited_at = $3 WHERE comment_id = $1";

    private static final String DELETE = "UPDATE comment SET deleted = true, text = '' WHERE comment_id = $1";

    private static final String VIDEOS_OF = "SELECT DISTINCT video_id FROM comment WHERE author_id = $1";

    private static final String DELETE_VIDEO = "DELETE FROM comment WHERE video_id = $1";

    /** The highest possible key, for the first page of a descending order. */
    public static final UUID MAX_ID = new UUID(-1L, -1L);

    /** The lowest possible key, for the first page of an ascending order. */
    public static final UUID MIN_ID = new UUID(0L, 0L);

    /** One comment as {@code viewerId} sees it, whatever its state (for the answer of a write). */
    public Uni<Optional<CommentRow>> find(SqlClient client, UUID commentId, String viewerId) {
        return client.preparedQuery(ONE).execute(Tuple.of(viewerId, commentId)).map(CommentRepository::first);
    }

    /** The top-level comment if it is listed to everyone (for the pinned slot). */
    public Uni<Optional<CommentRow>> findListed(SqlClient client, UUID commentId, String viewerId) {
        return client.preparedQuery(VISIBLE_ONE).execute(Tuple.of(viewerId, commentId)).map(CommentRepository::first);
    }

    /** Top-level comments by TOP score after the cursor, highest first. */
    public Uni<List<CommentRow>> topPage(SqlClient client, String videoId, String viewerId, double afterScore,
            UUID afterId, int limit) {
        return client.preparedQuery(TOP_PAGE)
                .execute(Tuple.of(viewerId, videoId, afterScore, afterId, limit)).map(CommentRepository::all);
    }

    /** Top-level comments created before the cursor, newest first. */
    public Uni<List<CommentRow>> newestPage(SqlClient client, String videoId, String viewerId, UUID beforeId, int limit) {
        return client.preparedQuery(NEWEST_PAGE).execute(Tuple.of(viewerId, videoId, beforeId, limit))
                .map(CommentRepository::all);
    }

    /** Replies of a thread created after the cursor, oldest first. */
    public Uni<List<CommentRow>> repliesPage(SqlClient client, UUID parentId, String viewerId, UUID afterId, int limit) {
        return client.preparedQuery(REPLIES_PAGE).execute(Tuple.of(viewerId, parentId, afterId, limit))
                .map(CommentRepository::all);
    }

    /** Locks the comment for the rest of the transaction. */
    public Uni<Optional<Target>> lock(SqlClient tx, UUID commentId) {
        return target(tx, LOCK, commentId);
    }

    /** The comment as a write needs it, without locking it. */
    public Uni<Optional<Target>> target(SqlClient client, UUID commentId) {
        return target(client, TARGET, commentId);
    }

    private static Uni<Optional<Target>> target(SqlClient client, String sql, UUID commentId) {
        return client.preparedQuery(sql).execute(Tuple.of(commentId)).map(rows -> {
            if (rows.rowCount() == 0) {
                return Optional.empty();
            }
            Row r = rows.iterator().next();
            return Optional.of(new Target(r.getUUID("comment_id"), r.getString("video_id"), r.getUUID("parent_id"),
                    r.getString("author_id"), r.getBoolean("deleted"), r.getLong("reply_count"),
                    r.getString("channel_id"), r.getBoolean("banned")));
        });
    }

    /** The comment an earlier AddComment with this request id created. */
    public Uni<Optional<UUID>> byRequest(SqlClient client, String authorId, String requestId) {
        return client.preparedQuery(BY_REQUEST).execute(Tuple.of(authorId, requestId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
    }

    /** Whether the author posted exactly this text (anywhere) after {@code since}. */
    public Uni<Boolean> postedSince(SqlClient tx, String authorId, String text, Instant since) {
        return tx.preparedQuery(SAME_TEXT_SINCE).execute(Tuple.of(authorId, utc(since), text))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Void> insert(SqlClient tx, NewComment c) {
        return tx.preparedQuery(INSERT).execute(Tuple.tuple().addUUID(c.commentId()).addString(c.videoId())
                        .addUUID(c.parentId()).addString(c.replyToAuthorId()).addString(c.authorId())
                        .addString(c.text()).addOffsetDateTime(utc(c.createdAt())).addString(c.requestId()))
                .replaceWithVoid();
    }

    /** Adds {@code delta} to a top-level comment's count of live replies. */
    public Uni<Void> countReply(SqlClient tx, UUID parentId, int delta) {
        return tx.preparedQuery(COUNT_REPLY).execute(Tuple.of(parentId, delta)).replaceWithVoid();
    }

    public Uni<Void> editText(SqlClient tx, UUID commentId, String text, Instant editedAt) {
        return tx.preparedQuery(EDIT).execute(Tuple.of(commentId, text, utc(editedAt))).replaceWithVoid();
    }

    /** Soft delete: the row keeps its place, its text is gone. */
    public Uni<Void> markDeleted(SqlClient tx, UUID commentId) {
        return tx.preparedQuery(DELETE).execute(Tuple.of(commentId)).replaceWithVoid();
    }

    /** The videos the author has commented on. */
    public Uni<List<String>> videosOf(SqlClient client, String authorId) {
        return client.preparedQuery(VIDEOS_OF).execute(Tuple.of(authorId)).map(rows -> {
            List<String> videos = new ArrayList<>(rows.rowCount());
            rows.forEach(row -> videos.add(row.getString(0)));
            return videos;
        });
    }

    /** Removes a video's whole thread (its votes go with it). */
    public Uni<Void> deleteVideo(SqlClient tx, String videoId) {
        return tx.preparedQuery(DELETE_VIDEO).execute(Tuple.of(videoId)).replaceWithVoid();
    }

    private static Optional<CommentRow> first(RowSet<Row> rows) {
        return rows.rowCount() == 0 ? Optional.empty() : Optional.of(CommentRow.from(rows.iterator().next()));
    }

    private static List<CommentRow> all(RowSet<Row> rows) {
        List<CommentRow> found = new ArrayList<>(rows.rowCount());
        rows.forEach(row -> found.add(CommentRow.from(row)));
        return found;
    }

    static OffsetDateTime utc(Instant time) {
        return time.atOffset(ZoneOffset.UTC);
    }
}
