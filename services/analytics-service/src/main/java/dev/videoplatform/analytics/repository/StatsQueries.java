package dev.videoplatform.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of the materialized aggregates; any replica answers from them. */
@ApplicationScoped
public class StatsQueries {

    /** A video's counters; {@code known} false when the catalog never announced it, {@code deleted} once it is gone. */
    public record Stats(boolean known, boolean deleted, long views, long uniqueViewers, long watchMillis, Instant updateTime) {
    }

    /** One ranked video of a trending window. */
    public record Ranked(String videoId, long views, long watchMillis, double score) {
    }

    /** Where the previous page ended: its last score and video id. */
    public record After(double score, String videoId) {
    }

    private static final String STATS = "SELECT l.video_id IS NOT NULL AS known, coalesce(l.deleted, false) AS deleted,"
            + " s.view_count, s.unique_viewer_count, s.watch_millis, s.update_time"
            + " FROM (SELECT $1::text AS video_id) v LEFT JOIN video_stats s USING (video_id)"
            + " LEFT JOIN video_listing l USING (video_id)";

    // Each hour that overlaps the window adds (views + watch / watch-per-view) × 2^(−age / half-life),
    // its age measured from the hour's middle; ranked by score, then video id for a stable order.
    private static final String TRENDING = "WITH ranked AS ("
            + " SELECT h.video_id, sum(h.view_count)::bigint AS views, sum(h.watch_millis)::bigint AS watch,"
            + "  sum((h.view_count + h.watch_millis / $3::float8)"
            + "   * power(0.5, greatest(0, extract(epoch FROM $1::timestamptz - h.hour) - 1800) / $4::float8)) AS score"
            + " FROM video_hour h JOIN video_listing l ON l.video_id = h.video_id AND l.listed"
            + " WHERE h.hour > $1::timestamptz - make_interval(secs => $2::float8) - interval '1 hour' AND h.hour <= $1::timestamptz"
            + " GROUP BY h.video_id ORDER BY score DESC, h.video_id LIMIT $5)"
            + " SELECT video_id, views, watch, score FROM ranked"
            + " WHERE $6::float8 IS NULL OR score < $6::float8 OR (score = $6::float8 AND video_id > $7::text)"
            + " ORDER BY score DESC, video_id LIMIT $8";

    private final Pool pool;

    public StatsQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<Stats> stats(String videoId) {
        return pool.preparedQuery(STATS).execute(Tuple.of(videoId)).map(rows -> {
            Row row = rows.iterator().next();
            Long views = row.getLong("view_count");
            OffsetDateTime updated = row.getOffsetDateTime("update_time");
            return new Stats(row.getBoolean("known") || views != null, row.getBoolean("deleted"), views == null ? 0 : views,
                    views == null ? 0 : row.getLong("unique_viewer_count"), views == null ? 0 : row.getLong("watch_millis"),
                    updated == null ? null : updated.toInstant());
        });
    }

    /**
     * The page after {@code after} of the top {@code maxRanked} listed videos of the window ending
     * at {@code now}; a later page passes the same {@code now}, so it continues the same ranking.
     */
    public Uni<List<Ranked>> trending(Instant now, Duration window, Duration halfLife, double watchMillisPerView, int maxRanked,
            Optional<After> after, int limit) {
        Tuple args = Tuple.of(OffsetDateTime.ofInstant(now, ZoneOffset.UTC), (double) window.toSeconds(), watchMillisPerView,
                (double) halfLife.toSeconds(), maxRanked)
                .addValue(after.map(After::score).orElse(null))
                .addValue(after.map(After::videoId).orElse(null))
                .addInteger(limit);
        return pool.preparedQuery(TRENDING).execute(args).map(rows -> {
            List<Ranked> ranked = new ArrayList<>();
            for (Row row : rows) {
                ranked.add(new Ranked(row.getString("video_id"), row.getLong("views"), row.getLong("watch"), row.getDouble("score")));
            }
            return ranked;
        });
    }
}
