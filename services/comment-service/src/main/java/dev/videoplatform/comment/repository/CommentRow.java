package dev.videoplatform.comment.repository;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A comment as read for a viewer: the stored row plus the viewer's own vote (0 for none, else the
 * contract's Vote number) and whether the video's owner up-voted it.
 */
public record CommentRow(UUID commentId, String videoId, UUID parentId, String replyToAuthorId, String authorId,
        String text, Instant createdAt, Instant editedAt, boolean deleted, long upCount, long downCount,
        long replyCount, double topScore, int viewerVote, boolean likedByOwner) {

    /** The columns {@link #from} reads; {@code v} is the viewer's vote, {@code o} the owner's. */
    static final String COLUMNS = """
            c.comment_id, c.video_id, c.parent_id, c.reply_to_author_id, c.author_id, c.text, c.created_at,
            c.edited_at, c.deleted, c.up_count, c.down_count, c.reply_count, c.top_score,
            coalesce(v.vote, 0) AS viewer_vote, coalesce(o.vote = 1, false) AS liked_by_owner""";

    static CommentRow from(Row row) {
        return new CommentRow(row.getUUID("comment_id"), row.getString("video_id"), row.getUUID("parent_id"),
                row.getString("reply_to_author_id"), row.getString("author_id"), row.getString("text"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("edited_at")),
                row.getBoolean("deleted"), row.getLong("up_count"), row.getLong("down_count"),
                row.getLong("reply_count"), row.getDouble("top_score"), row.getInteger("viewer_vote"),
                row.getBoolean("liked_by_owner"));
    }

    public boolean isReply() {
        return parentId != null;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
