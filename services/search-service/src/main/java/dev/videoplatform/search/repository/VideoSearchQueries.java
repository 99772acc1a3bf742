package dev.videoplatform.search.repository;

import dev.videoplatform.search.config.SearchConfig;
import dev.videoplatform.search.repository.SearchCriteria.Cursor;
import dev.videoplatform.search.repository.SearchCriteria.Order;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Full-text search over listed videos: websearch syntax (quoted phrases, -exclusions, or) matched
 * with English stemming and as exact tokens, accents folded; relevance blends text rank,
 * popularity and freshness with the weights in {@link SearchConfig.Ranking}, among the most viewed
 * matches up to the count limit. Pages are keyset pages on (sort key, video id); snippets are made
 * only for the rows of the page.
 */
@ApplicationScoped
public class VideoSearchQueries {

    // The stemmed query and the exact-token one, or-ed. Stop words leave the stemmed one with no
    // word to find when the query is stop words and exclusions ("how -vlog" is just !vlog there,
    // querytree 'T'), and or-ing that would match every video without the excluded word.
    private static final String QUERY = "WITH q AS (SELECT CASE WHEN querytree(english) = 'T' THEN exact"
            + " ELSE english || exact END AS query FROM (SELECT websearch_to_tsquery('search_english', $1) AS english,"
            + " websearch_to_tsquery('search_simple', $1) AS exact) AS parsed) ";
    // Description escaped first so that only the marks ts_headline adds are markup.
    private static final String SNIPPET = "ts_headline('search_english', replace(replace(replace(v.description,"
            + " '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), q.query,"
            + " 'StartSel=<b>, StopSel=</b>, MaxWords=35, MinWords=15, HighlightAll=false')";

    private static final String COLUMNS = "v.video_id, v.channel_id, v.title, v.description, v.tags, v.duration_ms,"
            + " v.published_at, v.view_count, v.poster_url";

    private final Pool pool;
    private final SearchConfig.Ranking ranking;
    private final int countLimit;

    public VideoSearchQueries(Pool pool, SearchConfig config) {
        this.pool = pool;
        this.ranking = config.ranking();
        this.countLimit = config.countLimit();
    }

    /** Up to {@code criteria.limit()} hits after the cursor, in the criteria's order. */
    public Uni<List<SearchHit>> page(SearchCriteria criteria) {
        Sql sql = new Sql(criteria);
        String score = sql.score();
        String key = switch (criteria.order()) {
            case RELEVANCE -> score;
            case DATE -> "v.published_at";
            case VIEWS -> "v.view_count";
        };
        boolean ranked = criteria.order() == Order.RELEVANCE;
        // Relevance is computed for the countLimit most viewed matches only (total_size's exact
        // range): a common word matches a large share of the catalog, and ranking every match
        // costs a detoast and a ts_rank each, where picking the most viewed is an index walk.
        String from = ranked
                ? " FROM (SELECT v.* FROM video v, q" + sql.where() + " ORDER BY v.view_count DESC, v.video_id DESC LIMIT "
                        + sql.param(countLimit) + ") v, q"
                : " FROM video v, q" + sql.where();
        StringBuilder inner = new StringBuilder("SELECT ").append(COLUMNS).append(", ").append(score).append(" AS score")
                .append(from);
        Cursor after = criteria.after();
        if (after != null) {
            String keyParam = switch (criteria.order()) {
                case RELEVANCE -> sql.param(Double.parseDouble(after.key()));
                case DATE -> sql.param(VideoIndex.utc(Instant.parse(after.key())));
                case VIEWS -> sql.param(Long.parseLong(after.key()));
            };
            inner.append(ranked ? " WHERE (" : " AND (").append(key).append(", v.video_id) < (").append(keyParam).append(", ")
                    .append(sql.param(after.videoId())).append(')');
        }
        String innerOrder = (ranked ? "score" : key) + " DESC, v.video_id DESC";
        String outerOrder = (ranked ? "v.score" : key) + " DESC, v.video_id DESC";
        inner.append(" ORDER BY ").append(innerOrder).append(" LIMIT ").append(sql.param(criteria.limit()));
        String text = QUERY + "SELECT v.video_id, v.channel_id, v.title, " + SNIPPET + ", v.tags, v.duration_ms,"
                + " v.published_at, v.view_count, v.poster_url, v.score FROM (" + inner + ") v, q ORDER BY " + outerOrder;
        return pool.preparedQuery(text).execute(sql.args()).map(rows -> {
            List<SearchHit> hits = new ArrayList<>(rows.size());
            rows.forEach(row -> hits.add(hit(row)));
            return hits;
        });
    }

    /** The number of matches, exact up to the configured limit and that limit beyond it. */
    public Uni<Long> countMatches(SearchCriteria criteria) {
        Sql sql = new Sql(criteria);
        String text = QUERY + "SELECT count(*) FROM (SELECT 1 FROM video v, q" + sql.where() + " LIMIT "
                + sql.param(countLimit) + ") AS matches";
        return pool.preparedQuery(text).execute(sql.args()).map(rows -> rows.iterator().next().getLong(0));
    }

    /** The cursor value of a hit in {@code order}: what the next page continues after. */
    public static String key(SearchHit hit, Order order) {
        return switch (order) {
            case RELEVANCE -> Double.toString(hit.score());
            case DATE -> hit.publishedAt().toString();
            case VIEWS -> Long.toString(hit.viewCount());
        };
    }

    private static SearchHit hit(Row row) {
        String[] tags = row.getArrayOfStrings("tags");
        return new SearchHit(row.getString("video_id"), row.getString("channel_id"), row.getString("title"),
                row.getString(3), tags == null ? List.of() : Arrays.asList(tags), row.getLong("duration_ms"),
                row.getOffsetDateTime("published_at").toInstant(), row.getLong("view_count"),
                row.getString("poster_url"), row.getDouble("score"));
    }

    /** The WHERE clause and score of one criteria, with its positional parameters ($1 is the query). */
    private final class Sql {

        private final SearchCriteria criteria;
        private final List<Object> args = new ArrayList<>();

        Sql(SearchCriteria criteria) {
            this.criteria = criteria;
            args.add(criteria.query());
        }

        String param(Object value) {
            args.add(value);
            return "$" + args.size();
        }

        Tuple args() {
            return Tuple.from(args);
        }

        String where() {
            StringBuilder where = new StringBuilder(" WHERE v.listed AND v.document @@ q.query");
            if (criteria.minDurationMillis() != null) {
                where.append(" AND v.duration_ms >= ").append(param(criteria.minDurationMillis()));
            }
            if (criteria.maxDurationMillis() != null) {
                where.append(" AND v.duration_ms <= ").append(param(criteria.maxDurationMillis()));
            }
            if (criteria.publishedAfter() != null) {
                where.append(" AND v.published_at >= ").append(param(VideoIndex.utc(criteria.publishedAfter())));
            }
            if (criteria.publishedBefore() != null) {
                where.append(" AND v.published_at < ").append(param(VideoIndex.utc(criteria.publishedBefore())));
            }
            if (criteria.channelId() != null) {
                where.append(" AND v.channel_id = ").append(param(criteria.channelId()));
            }
            return where.toString();
        }

        /**
         * Text rank (0–1) + log-scaled views + freshness halving every half-life, each weighted;
         * float8 throughout. ts_rank, not ts_rank_cd: every match is ranked, and ts_rank_cd costs
         * about 3 µs more per match. The decay stops at 2^-1000, where power() would underflow.
         */
        String score() {
            return "(" + param(ranking.textWeight()) + "::float8 * ts_rank(v.document, q.query, 32)"
                    + " + " + param(ranking.popularityWeight()) + "::float8 * log((1 + v.view_count)::float8) / 9"
                    + " + " + param(ranking.freshnessWeight()) + "::float8 * power(2::float8, -least(1000::float8,"
                    + " greatest(0::float8, extract(epoch FROM " + param(VideoIndex.utc(criteria.now()))
                    + "::timestamptz - v.published_at)::float8) / " + param((double) ranking.freshnessHalfLife().toSeconds())
                    + "::float8)))";
        }
    }
}
