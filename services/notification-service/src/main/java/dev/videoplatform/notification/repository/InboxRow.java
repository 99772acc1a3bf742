package dev.videoplatform.notification.repository;

import dev.videoplatform.notification.v1.NotificationKind;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;

/** One inbox row as the API shows it. */
public record InboxRow(String id, String recipientId, NotificationKind kind, String title, String body, String videoId,
        String commentId, String actorId, Instant createdAt, boolean read) {

    static final String COLUMNS = "id, recipient_id, kind, title, body, video_id, comment_id, actor_id, created_at,"
            + " read_at IS NOT NULL";

    static InboxRow of(Row row) {
        return new InboxRow(row.getString(0), row.getString(1), NotificationKind.forNumber(row.getInteger(2)),
                row.getString(3), row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                row.getOffsetDateTime(8).toInstant(), row.getBoolean(9));
    }
}
