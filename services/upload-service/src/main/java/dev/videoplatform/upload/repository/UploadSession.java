package dev.videoplatform.upload.repository;

import dev.videoplatform.upload.v1.UploadState;
import dev.videoplatform.upload.v1.Visibility;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.List;

/** An upload session row; {@code multipartUploadId} and {@code partSizeBytes} are set once its S3 multipart upload started. */
public record UploadSession(String id, String videoId, String ownerId, UploadState state, long sizeBytes,
        long committedBytes, String contentType, String sha256, String title, String description, List<String> tags,
        Visibility visibility, boolean commentsEnabled, List<String> renditions, String fileName, Instant createdAt,
        Instant expiresAt, Instant completedAt, String multipartUploadId, long partSizeBytes) {

    static final String COLUMNS = "id, video_id, owner_id, state, size_bytes, committed_bytes, content_type, sha256, title,"
            + " description, tags, visibility, comments_enabled, renditions, file_name, created_at, expires_at, completed_at,"
            + " multipart_upload_id, part_size_bytes";

    static UploadSession from(Row row) {
        return new UploadSession(row.getString("id"), row.getString("video_id"), row.getString("owner_id"),
                UploadState.valueOf("UPLOAD_STATE_" + row.getString("state")), row.getLong("size_bytes"),
                row.getLong("committed_bytes"), row.getString("content_type"), row.getString("sha256"),
                row.getString("title"), row.getString("description"), List.of(row.getArrayOfStrings("tags")),
                Visibility.valueOf(row.getString("visibility")), row.getBoolean("comments_enabled"),
                List.of(row.getArrayOfStrings("renditions")), row.getString("file_name"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("expires_at").toInstant(),
                row.getOffsetDateTime("completed_at") == null ? null : row.getOffsetDateTime("completed_at").toInstant(),
                row.getString("multipart_upload_id"),
                row.getLong("part_size_bytes") == null ? 0 : row.getLong("part_size_bytes"));
    }

    public boolean isActive() {
        return state == UploadState.UPLOAD_STATE_ACTIVE && expiresAt.isAfter(Instant.now());
    }
}
