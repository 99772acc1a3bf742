package dev.videoplatform.upload.repository;

import dev.videoplatform.upload.v1.Rendition;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
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

/** The {@code videos} table. */
@ApplicationScoped
public class VideoRepository {

    private static final String RETURNING = " RETURNING " + VideoRecord.COLUMNS;

    private final Pool pool;

    public VideoRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Uni<VideoRecord> insertProcessing(SqlClient tx, String id, String channelId, String title, String description,
            List<String> tags, Visibility visibility, boolean commentsEnabled, String rawBlobKey) {
        return one(tx, "INSERT INTO videos (id, channel_id, title, description, tags, visibility, status, comments_enabled,"
                        + " raw_blob_key) VALUES ($1, $2, $3, $4, $5, $6, 'VIDEO_STATUS_PROCESSING', $7, $8)" + RETURNING,
                Tuple.from(java.util.Arrays.asList(id, channelId, title, description, tags.toArray(new String[0]), visibility.name(),
                        commentsEnabled, rawBlobKey)))
                .map(Optional::orElseThrow);
    }

    public Uni<Optional<VideoRecord>> find(SqlClient client, String id) {
        return one(client, "SELECT " + VideoRecord.COLUMNS + " FROM videos WHERE id = $1", Tuple.of(id));
    }

    public Uni<Optional<VideoRecord>> find(String id) {
        return find(pool, id);
    }

    /** The row, locked until the transaction ends (saga steps and updates serialise on it). */
    public Uni<Optional<VideoRecord>> findForUpdate(SqlClient tx, String id) {
        return one(tx, "SELECT " + VideoRecord.COLUMNS + " FROM videos WHERE id = $1 FOR UPDATE", Tuple.of(id));
    }

    public Uni<List<VideoRecord>> findAll(List<String> ids) {
        return pool.preparedQuery("SELECT " + VideoRecord.COLUMNS + " FROM videos WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new String[0]))).map(VideoRepository::all);
    }

    /** Every video, deleted ones included, in id order after {@code afterId} (null: from the start). */
    public Uni<List<VideoRecord>> listAll(String afterId, int limit) {
        String sql = "SELECT " + VideoRecord.COLUMNS + " FROM videos" + (afterId == null ? "" : " WHERE id > $2")
                + " ORDER BY id LIMIT $1";
        return pool.preparedQuery(sql).execute(afterId == null ? Tuple.of(limit) : Tuple.of(limit, afterId))
                .map(VideoRepository::all);
    }

    /** A channel's videos, newest first, after the (createdAt, id) cursor; {@code publicOnly} for other viewers. */
    public Uni<List<VideoRecord>> listByChannel(String channelId, boolean publicOnly, Instant afterTime, String afterId,
            int limit) {
        String sql = "SELECT " + VideoRecord.COLUMNS + " FROM videos WHERE channel_id = $1 AND deleted_at IS NULL"
                + (publicOnly ? " AND visibility = 'VISIBILITY_PUBLIC' AND status = 'VIDEO_STATUS_READY'" : "")
                + (afterTime == null ? "" : " AND (created_at, id) < ($3, $4)")
                + " ORDER BY created_at DESC, id DESC LIMIT $2";
        Tuple args = afterTime == null ? Tuple.of(channelId, limit)
                : Tuple.of(channelId, limit, OffsetDateTime.ofInstant(afterTime, ZoneOffset.UTC), afterId);
        return pool.preparedQuery(sql).execute(args).map(VideoRepository::all);
    }

    public Uni<VideoRecord> updateMetadata(SqlClient tx, String id, String title, String description, List<String> tags,
            Visibility visibility, boolean commentsEnabled) {
        return one(tx, "UPDATE videos SET title = $2, description = $3, tags = $4, visibility = $5, comments_enabled = $6,"
                        + " updated_at = now() WHERE id = $1" + RETURNING,
                Tuple.from(java.util.Arrays.asList(id, title, description, tags.toArray(new String[0]), visibility.name(), commentsEnabled)))
                .map(Optional::orElseThrow);
    }

    public Uni<VideoRecord> setProgress(SqlClient tx, String id, int percent) {
        return one(tx, "UPDATE videos SET progress_percent = $2, updated_at = now() WHERE id = $1" + RETURNING,
                Tuple.of(id, percent)).map(Optional::orElseThrow);
    }

    public Uni<VideoRecord> markReady(SqlClient tx, String id, List<Rendition> renditions, long durationMillis,
            String hlsPrefix, String posterKey, boolean publish) {
        return one(tx, "UPDATE videos SET status = 'VIDEO_STATUS_READY', progress_percent = 100, failure_reason = '',"
                        + " renditions = $2, duration_millis = $3, hls_prefix = $4, poster_key = $5, updated_at = now(),"
                        + " published_at = CASE WHEN $6 THEN coalesce(published_at, now()) ELSE published_at END"
                        + " WHERE id = $1" + RETURNING,
                Tuple.from(java.util.Arrays.asList(id, Buffer.buffer(VideoRecord.encodeRenditions(renditions)), durationMillis,
                        hlsPrefix, posterKey, publish)))
                .map(Optional::orElseThrow);
    }

    public Uni<VideoRecord> markPublished(SqlClient tx, String id) {
        return one(tx, "UPDATE videos SET published_at = coalesce(published_at, now()), updated_at = now() WHERE id = $1"
                + RETURNING, Tuple.of(id)).map(Optional::orElseThrow);
    }

    public Uni<VideoRecord> setStatus(SqlClient tx, String id, VideoStatus status, String reason) {
        return one(tx, "UPDATE videos SET status = $2, failure_reason = $3, updated_at = now() WHERE id = $1" + RETURNING,
                Tuple.of(id, status.name(), reason)).map(Optional::orElseThrow);
    }

    public Uni<VideoRecord> ban(SqlClient tx, String id, String reason) {
        return one(tx, "UPDATE videos SET status_before_ban = status, status = 'VIDEO_STATUS_BANNED', failure_reason = $2,"
                + " updated_at = now() WHERE id = $1" + RETURNING, Tuple.of(id, reason)).map(Optional::orElseThrow);
    }

    public Uni<VideoRecord> unban(SqlClient tx, String id) {
        return one(tx, "UPDATE videos SET status = coalesce(status_before_ban, 'VIDEO_STATUS_READY'), status_before_ban = NULL,"
                + " failure_reason = '', updated_at = now() WHERE id = $1" + RETURNING, Tuple.of(id)).map(Optional::orElseThrow);
    }

    public Uni<VideoRecord> softDelete(SqlClient tx, String id) {
        return one(tx, "UPDATE videos SET status = 'VIDEO_STATUS_DELETED', deleted_at = now(), updated_at = now()"
                + " WHERE id = $1" + RETURNING, Tuple.of(id)).map(Optional::orElseThrow);
    }

    private static Uni<Optional<VideoRecord>> one(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args)
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(VideoRecord.from(rows.iterator().next())));
    }

    private static List<VideoRecord> all(RowSet<Row> rows) {
        List<VideoRecord> list = new ArrayList<>(rows.size());
        rows.forEach(row -> list.add(VideoRecord.from(row)));
        return list;
    }
}
