package dev.videoplatform.search.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes of the {@code video} read model. Every write carries the occurred-at of its event and is
 * skipped when the row already holds a later event from the same source, so replayed or reordered
 * events never undo a newer state; a deleted row is a tombstone nothing brings back. Rows that an
 * event about moderation or views creates before the catalog's event stay unlisted (their
 * content version is -infinity) until the catalog's event fills them.
 */
@ApplicationScoped
public class VideoIndex {

    /** The catalog's view of a video, as video.published and video.updated carry it. */
    public record CatalogState(String videoId, String channelId, String title, String description, List<String> tags,
            long durationMillis, Instant publishedAt, String posterUrl, boolean isPublic, boolean ready) {
    }

    private static final String UPSERT = """
            INSERT INTO video (video_id, channel_id, title, description, tags, duration_ms, published_at, poster_url,
                               public, ready, content_version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (video_id) DO UPDATE SET channel_id = excluded.channel_id, title = excluded.title,
                description = excluded.description, tags = excluded.tags, duration_ms = excluded.duration_ms,
                published_at = excluded.published_at,
                poster_url = CASE WHEN excluded.poster_url = '' THEN video.poster_url ELSE excluded.poster_url END,
                public = excluded.public, ready = excluded.ready, content_version = excluded.content_version
            WHERE NOT video.deleted AND video.content_version <= excluded.content_version""";

    private static final String DELETE = """
            INSERT INTO video (video_id, channel_id, published_at, content_version, deleted)
            VALUES ($1, $2, $3, $3, true)
            ON CONFLICT (video_id) DO UPDATE SET deleted = true, title = '', description = '', tags = '{}',
                channel_name = ''""";

    private static final String MODERATE = """
            INSERT INTO video (video_id, channel_id, published_at, content_version, banned, ban_version)
            VALUES ($1, $2, $3, '-infinity', $4, $3)
            ON CONFLICT (video_id) DO UPDATE SET banned = excluded.banned, ban_version = excluded.ban_version
            WHERE video.ban_version IS NULL OR video.ban_version <= excluded.ban_version""";

    // The sub-select sees the row as it was before this statement (one snapshot per statement).
    private static final String COUNT_VIEWS = """
            WITH before AS (SELECT view_count FROM video WHERE video_id = $1)
            INSERT INTO video (video_id, channel_id, published_at, content_version, view_count, counts_version)
            VALUES ($1, '', $3, '-infinity', $2, $3)
            ON CONFLICT (video_id) DO UPDATE SET view_count = excluded.view_count, counts_version = excluded.counts_version
            WHERE video.counts_version IS NULL OR video.counts_version < excluded.counts_version
            RETURNING listed AND floor(log(2.0, 1 + view_count))
                IS DISTINCT FROM (SELECT floor(log(2.0, 1 + view_count)) FROM before) AS regraded""";

    /** Applies the catalog's state as of {@code version}; false when a newer state or a deletion is already here. */
    public Uni<Boolean> applyCatalog(SqlClient tx, CatalogState s, Instant version) {
        Tuple args = Tuple.tuple().addString(s.videoId()).addString(s.channelId()).addString(s.title())
                .addString(s.description()).addArrayOfString(s.tags().toArray(String[]::new)).addLong(s.durationMillis())
                .addOffsetDateTime(utc(s.publishedAt())).addString(s.posterUrl()).addBoolean(s.isPublic())
                .addBoolean(s.ready()).addOffsetDateTime(utc(version));
        return tx.preparedQuery(UPSERT).execute(args).map(rows -> rows.rowCount() == 1);
    }

    /** Makes the video a tombstone for good. */
    public Uni<Void> delete(SqlClient tx, String videoId, String channelId, Instant version) {
        return tx.preparedQuery(DELETE).execute(Tuple.of(videoId, channelId, utc(version))).replaceWithVoid();
    }

    /** Bans or un-bans as of {@code version}; false when a later moderation decision is already here. */
    public Uni<Boolean> moderate(SqlClient tx, String videoId, String channelId, boolean banned, Instant version) {
        return tx.preparedQuery(MODERATE).execute(Tuple.of(videoId, channelId, utc(version), banned))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Sets the view count as of {@code version} (a later count already here wins). True when a
     * listed video's count changed by enough to move it noticeably: into another power of two.
     */
    public Uni<Boolean> countViews(SqlClient tx, String videoId, long views, Instant version) {
        return tx.preparedQuery(COUNT_VIEWS).execute(Tuple.of(videoId, views, utc(version)))
                .map(rows -> rows.rowCount() == 1 && rows.iterator().next().getBoolean("regraded"));
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
