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

    /**
     * The channel's names and suspension come from the channel table, read under a share lock: a rename
     * committing meanwhile is waited for and then read, and a rename starting meanwhile waits
     * for this row and then rewrites it (see ChannelIndex). A copy of the same version that
     * changes nothing writes nothing (a rebuild over an intact model rewrites no row).
     */
    private static final String UPSERT = """
            WITH c AS (SELECT display_name, username, suspended FROM channel WHERE channel_id = $2 FOR SHARE)
            INSERT INTO video (video_id, channel_id, channel_name, channel_username, channel_suspended, title, description,
                               tags, duration_ms, published_at, poster_url, public, ready, content_version)
            VALUES ($1, $2, coalesce((SELECT display_name FROM c), ''), coalesce((SELECT username FROM c), ''),
                    coalesce((SELECT suspended FROM c), false), $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (video_id) DO UPDATE SET channel_id = excluded.channel_id, channel_name = excluded.channel_name,
                channel_username = excluded.channel_username, channel_suspended = excluded.channel_suspended,
                title = excluded.title,
                description = excluded.description, tags = excluded.tags, duration_ms = excluded.duration_ms,
                published_at = excluded.published_at,
                poster_url = CASE WHEN excluded.poster_url = '' THEN video.poster_url ELSE excluded.poster_url END,
                public = excluded.public, ready = excluded.ready, content_version = excluded.content_version
            WHERE NOT video.deleted AND video.content_version <= excluded.content_version
              AND (video.content_version < excluded.content_version
                   OR (video.channel_id, video.channel_name, video.channel_username, video.channel_suspended,
                       video.title, video.description, video.tags, video.duration_ms, video.published_at, video.public,
                       video.ready)
                      IS DISTINCT FROM (excluded.channel_id, excluded.channel_name, excluded.channel_username,
                       excluded.channel_suspended, excluded.title, excluded.description, excluded.tags,
                       excluded.duration_ms, excluded.published_at, excluded.public, excluded.ready)
                   OR excluded.poster_url NOT IN ('', video.poster_url))""";

    private static final String DELETE = """
            INSERT INTO video (video_id, channel_id, published_at, content_version, deleted)
            VALUES ($1, $2, $3, $3, true)
            ON CONFLICT (video_id) DO UPDATE SET deleted = true, title = '', description = '', tags = '{}',
                channel_name = '', channel_username = ''
            WHERE NOT video.deleted""";

    /**
     * Rows of ids after $2 that a catalog walk did not see ($3), and whose catalog state predates
     * the walk ($1): the catalog has no such video, so they become tombstones. Rows an event wrote
     * after the walk began, and placeholders no catalog event filled yet (-infinity), are left
     * alone. Video ids are UUIDv7 text, which every collation orders as the catalog does.
     */
    private static final String SWEEP = """
            UPDATE video SET deleted = true, title = '', description = '', tags = '{}', channel_name = '',
                channel_username = ''
            WHERE NOT deleted AND content_version > '-infinity' AND content_version < $1
              AND video_id <> ALL ($3::text[]) AND video_id > $2""";
    /** The same, up to and including the id $4 (the last of a catalog page). */
    private static final String SWEEP_UP_TO = SWEEP + " AND video_id <= $4";

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

    /**
     * Applies the catalog's state as of {@code version}; false when a newer state or a deletion is
     * already here, or this very state.
     */
    public Uni<Boolean> applyCatalog(SqlClient tx, CatalogState s, Instant version) {
        Tuple args = Tuple.tuple().addString(s.videoId()).addString(s.channelId()).addString(s.title())
                .addString(s.description()).addArrayOfString(s.tags().toArray(String[]::new)).addLong(s.durationMillis())
                .addOffsetDateTime(utc(s.publishedAt())).addString(s.posterUrl()).addBoolean(s.isPublic())
                .addBoolean(s.ready()).addOffsetDateTime(utc(version));
        return tx.preparedQuery(UPSERT).execute(args).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Tombstones the rows with ids in (after, upTo] other than {@code seen} whose catalog state is
     * older than {@code walkStart}; {@code after} "" is the start, {@code upTo} null the end.
     * Returns how many.
     */
    public Uni<Integer> sweep(SqlClient tx, Instant walkStart, String after, String upTo, List<String> seen) {
        Tuple args = Tuple.of(utc(walkStart), after, seen.toArray(String[]::new));
        return (upTo == null ? tx.preparedQuery(SWEEP).execute(args) : tx.preparedQuery(SWEEP_UP_TO).execute(args.addString(upTo)))
                .map(rows -> rows.rowCount());
    }

    /** Makes the video a tombstone for good; false when it already was one. */
    public Uni<Boolean> delete(SqlClient tx, String videoId, String channelId, Instant version) {
        return tx.preparedQuery(DELETE).execute(Tuple.of(videoId, channelId, utc(version))).map(rows -> rows.rowCount() == 1);
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
