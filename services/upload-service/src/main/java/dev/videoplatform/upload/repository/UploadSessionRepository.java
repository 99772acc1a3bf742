package dev.videoplatform.upload.repository;

import dev.videoplatform.platform.blob.MultipartUploads;
import dev.videoplatform.upload.v1.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code upload_sessions} table. */
@ApplicationScoped
public class UploadSessionRepository {

    /** What a user has in flight: unfinished sessions, and bytes declared in the last 24 hours. */
    public record Usage(long activeSessions, long bytesLastDay) {
    }

    private final Pool pool;

    public UploadSessionRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Inserts a session (a reused request id of the owner is a unique violation). */
    public Uni<UploadSession> insert(SqlClient tx, String id, String videoId, String ownerId, long size,
            String contentType, String sha256, String title, String description, List<String> tags,
            Visibility visibility, boolean commentsEnabled, List<String> renditions, String fileName, String requestId,
            Instant expiresAt) {
        return tx.preparedQuery("INSERT INTO upload_sessions (id, video_id, owner_id, state, size_bytes, content_type, sha256,"
                        + " title, description, tags, visibility, comments_enabled, renditions, file_name, request_id, expires_at)"
                        + " VALUES ($1, $2, $3, 'ACTIVE', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
                        + " RETURNING " + UploadSession.COLUMNS)
                .execute(Tuple.from(java.util.Arrays.asList(id, videoId, ownerId, size, contentType, sha256, title, description,
                        tags.toArray(new String[0]), visibility.name(), commentsEnabled, renditions.toArray(new String[0]),
                        fileName, requestId, utc(expiresAt))))
                .map(rows -> UploadSession.from(rows.iterator().next()));
    }

    public Uni<Optional<UploadSession>> findByRequestId(String ownerId, String requestId) {
        return one(pool, "SELECT " + UploadSession.COLUMNS + " FROM upload_sessions WHERE owner_id = $1 AND request_id = $2",
                Tuple.of(ownerId, requestId));
    }

    public Uni<Optional<UploadSession>> find(SqlClient client, String id) {
        return one(client, "SELECT " + UploadSession.COLUMNS + " FROM upload_sessions WHERE id = $1", Tuple.of(id));
    }

    public Uni<Optional<UploadSession>> find(String id) {
        return find(pool, id);
    }

    /** The session a video was uploaded through. */
    public Uni<Optional<UploadSession>> findByVideoId(SqlClient client, String videoId) {
        return one(client, "SELECT " + UploadSession.COLUMNS + " FROM upload_sessions WHERE video_id = $1", Tuple.of(videoId));
    }

    public Uni<Optional<UploadSession>> findForUpdate(SqlClient tx, String id) {
        return one(tx, "SELECT " + UploadSession.COLUMNS + " FROM upload_sessions WHERE id = $1 FOR UPDATE", Tuple.of(id));
    }

    /** Serialises quota checks of one owner across replicas (transaction-scoped advisory lock). */
    public Uni<Usage> lockAndMeasure(SqlClient tx, String ownerId) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of("upload-quota:" + ownerId))
                .flatMap(x -> tx.preparedQuery("SELECT count(*) FILTER (WHERE state = 'ACTIVE' AND expires_at > now()),"
                                + " coalesce(sum(size_bytes) FILTER (WHERE created_at > now() - interval '1 day'"
                                + " AND state <> 'ABORTED'), 0) FROM upload_sessions WHERE owner_id = $1")
                        .execute(Tuple.of(ownerId)))
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new Usage(row.getLong(0), row.getLong(1));
                });
    }

    /**
     * Moves the committed mark from {@code expected} to {@code committed}; false when another
     * writer moved it first (the caller's bytes are then not part of the file).
     */
    public Uni<Boolean> advance(String id, long expected, long committed) {
        return pool.preparedQuery("UPDATE upload_sessions SET committed_bytes = $3 WHERE id = $1 AND committed_bytes = $2"
                        + " AND state = 'ACTIVE'")
                .execute(Tuple.of(id, expected, committed)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Moves the committed mark over an acknowledged part and records it, in one statement; false
     * when another writer moved the mark first.
     */
    public Uni<Boolean> advance(String id, long expected, long committed, MultipartUploads.Part part) {
        return pool.preparedQuery("WITH moved AS (UPDATE upload_sessions SET committed_bytes = $3 WHERE id = $1"
                        + " AND committed_bytes = $2 AND state = 'ACTIVE' RETURNING id)"
                        + " INSERT INTO upload_parts (upload_id, part_number, etag, size_bytes) SELECT id, $4, $5, $6 FROM moved"
                        + " ON CONFLICT (upload_id, part_number) DO UPDATE SET etag = EXCLUDED.etag, size_bytes = EXCLUDED.size_bytes")
                .execute(Tuple.from(java.util.Arrays.asList(id, expected, committed, part.number(), part.etag(), part.size())))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Records the session's multipart upload unless one is already recorded; returns the session as it is now. */
    public Uni<UploadSession> startMultipart(String id, String multipartUploadId, long partSize) {
        return pool.preparedQuery("UPDATE upload_sessions SET multipart_upload_id = $2, part_size_bytes = $3"
                        + " WHERE id = $1 AND multipart_upload_id IS NULL")
                .execute(Tuple.of(id, multipartUploadId, partSize))
                .flatMap(x -> find(id)).map(Optional::orElseThrow);
    }

    /** Forgets the session's multipart upload and its parts: the upload starts again at byte 0. */
    public Uni<Void> resetMultipart(String id) {
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM upload_parts WHERE upload_id = $1").execute(Tuple.of(id))
                .flatMap(x -> tx.preparedQuery("UPDATE upload_sessions SET multipart_upload_id = NULL, part_size_bytes = NULL,"
                        + " committed_bytes = 0 WHERE id = $1").execute(Tuple.of(id)))
                .replaceWithVoid());
    }

    /** The acknowledged parts of a session, in order. */
    public Uni<List<MultipartUploads.Part>> parts(String id) {
        return pool.preparedQuery("SELECT part_number, etag, size_bytes FROM upload_parts WHERE upload_id = $1 ORDER BY part_number")
                .execute(Tuple.of(id))
                .map(rows -> {
                    List<MultipartUploads.Part> parts = new ArrayList<>();
                    rows.forEach(row -> parts.add(new MultipartUploads.Part(row.getInteger(0), row.getString(1), row.getLong(2))));
                    return parts;
                });
    }

    public Uni<UploadSession> setState(SqlClient tx, String id, String state) {
        return one(tx, "UPDATE upload_sessions SET state = $2, completed_at = CASE WHEN $2 = 'COMPLETED' THEN now()"
                + " ELSE completed_at END WHERE id = $1 RETURNING " + UploadSession.COLUMNS, Tuple.of(id, state))
                .map(Optional::orElseThrow);
    }

    /** Active sessions past their expiry, oldest first. */
    public Uni<List<String>> expired(int limit) {
        return pool.preparedQuery("SELECT id FROM upload_sessions WHERE state = 'ACTIVE' AND expires_at <= now()"
                        + " ORDER BY expires_at LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                });
    }

    private static Uni<Optional<UploadSession>> one(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args)
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(UploadSession.from(rows.iterator().next())));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
