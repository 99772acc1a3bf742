package dev.videoplatform.upload.repository;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.videoplatform.upload.v1.Rendition;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** A catalog row. */
public record VideoRecord(String id, String channelId, String title, String description, List<String> tags,
        Visibility visibility, VideoStatus status, VideoStatus statusBeforeBan, String failureReason,
        int progressPercent, boolean commentsEnabled, String rawBlobKey, String hlsPrefix, String posterKey,
        Long durationMillis, List<Rendition> renditions, Instant createdAt, Instant updatedAt, Instant publishedAt,
        Instant deletedAt) {

    static final String COLUMNS = "id, channel_id, title, description, tags, visibility, status, status_before_ban,"
            + " failure_reason, progress_percent, comments_enabled, raw_blob_key, hls_prefix, poster_key,"
            + " duration_millis, renditions, created_at, updated_at, published_at, deleted_at";

    static VideoRecord from(Row row) {
        return new VideoRecord(row.getString("id"), row.getString("channel_id"), row.getString("title"),
                row.getString("description"), List.of(row.getArrayOfStrings("tags")),
                Visibility.valueOf(row.getString("visibility")), VideoStatus.valueOf(row.getString("status")),
                row.getString("status_before_ban") == null ? null : VideoStatus.valueOf(row.getString("status_before_ban")),
                row.getString("failure_reason"), row.getInteger("progress_percent"), row.getBoolean("comments_enabled"),
                row.getString("raw_blob_key"), row.getString("hls_prefix"), row.getString("poster_key"),
                row.getLong("duration_millis"), renditions(row), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")), instant(row.getOffsetDateTime("published_at")),
                instant(row.getOffsetDateTime("deleted_at")));
    }

    /** Renditions are stored as a Video message carrying only its renditions field. */
    static byte[] encodeRenditions(List<Rendition> renditions) {
        return Video.newBuilder().addAllRenditions(renditions).build().toByteArray();
    }

    private static List<Rendition> renditions(Row row) {
        io.vertx.core.buffer.Buffer bytes = row.getBuffer("renditions") == null ? null : row.getBuffer("renditions").getDelegate();
        if (bytes == null) {
            return List.of();
        }
        try {
            return Video.parseFrom(bytes.getBytes()).getRenditionsList();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable renditions of video " + row.getString("id"), e);
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    public boolean isPublic() {
        return visibility == Visibility.VISIBILITY_PUBLIC;
    }
}
