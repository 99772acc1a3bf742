package dev.videoplatform.search.repository;

import dev.videoplatform.search.config.SearchConfig;
import dev.videoplatform.search.repository.SearchCriteria.Cursor;
import dev.videoplatform.search.repository.SearchCriteria.Order;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Full-text search over listed videos: websearch syntax (quoted phrases, -exclusions, or) matched
 * with English stemming and as exact tokens, accents folded; relevance blends text rank,
 * popularity and freshness with the weights in {@link SearchConfig.Ranking}, among the most viewed
 * matches (rankedMatches of them). Pages are keyset pages on (sort key, video id); snippets are made
 * only for the rows of the page.
 *
 * <p>Those most viewed matches (or, in date and view order, the page) are taken one of two ways,
 * with the same result. A rare word's matches come from the full-text index and are sorted. A
 * common word (7 % of the catalog or more) would make that fetch and sort tens of
 * thousands of rows, so its matches are found by walking the videos in index order until there are
 * enough, a few thousand rows at most. The count tells which, and estimates the total beyond its
 * limit: its first {@code countLimit} matches come from the heap in physical order, so how far into
 * the table the last of them lies estimates the share of videos that match.
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

    /**
     * Least estimated share of matching videos for the walk in view order: about where the walk
     * (rankedMatches / share rows, each tested) and the index (share × catalog rows, each fetched)
     * cost the same, for 300 ranked matches among 100,000 videos.
     */
    static final double COMMON_SHARE = 0.07;

    private final Pool pool;
    private final SearchConfig.Ranking ranking;
    private final int countLimit;
    private final int rankedMatches;
    private final int walkLimit;

    @Inject
    public VideoSearchQueries(Pool pool, SearchConfig config) {
        this(pool, config.ranking(), config.countLimit(), config.rankedMatches());
    }

    /** With limits of its own (tests reach both ways of taking the most viewed matches with a few videos). */
    public VideoSearchQueries(Pool pool, SearchConfig.Ranking ranking, int countLimit, int rankedMatches) {
        this.pool = pool;
        this.ranking = ranking;
        this.countLimit = countLimit;
        this.rankedMatches = rankedMatches;
        // Twice the rows a common query is expected to need: beyond that the walk gives up and the
        // full-text index answers (the estimate was wrong, or the videos changed since).
        this.walkLimit = (int) Math.ceil(2 * rankedMatches / COMMON_SHARE);
    }

    /**
     * Up to {@code criteria.limit()} hits after the cursor, in the criteria's order; {@code common}
     * as {@link #countMatches} said for the query.
     */
    public Uni<List<SearchHit>> page(SearchCriteria criteria, boolean common) {
        Sql sql = new Sql(criteria);
        String score = sql.score();
        String key = switch (criteria.order()) {
            case RELEVANCE -> score;
            case DATE -> "v.published_at";
            case VIEWS -> "v.view_count";
        };
        boolean ranked = criteria.order() == Order.RELEVANCE;
        Cursor after = criteria.after();
        String afterCursor = "";
        if (after != null) {
            String keyParam = switch (criteria.order()) {
                case RELEVANCE -> sql.param(Double.parseDouble(after.key()));
                case DATE -> sql.param(VideoIndex.utc(Instant.parse(after.key())));
                case VIEWS -> sql.param(Long.parseLong(after.key()));
            };
            afterCursor = "(" + key + ", v.video_id) < (" + keyParam + ", " + sql.param(after.videoId()) + ")";
        }
        // Relevance is computed for the rankedMatches most viewed matches only: a common word
        // matches a large share of the catalog, and ranking every match costs a detoast and a
        // ts_rank each. Date and view order take the page itself.
        String candidateOrder = (ranked ? "v.view_count" : key) + " DESC, v.video_id DESC";
        String startAfter = ranked || after == null ? "" : " AND " + afterCursor;
        String limit = sql.param(ranked ? rankedMatches : criteria.limit());
        String where = sql.where();
        // Sorted by row address first, the columns read for the winners only: a rare word's
        // thousands of matches would otherwise each carry the whole row through the sort.
        String candidates = "SELECT w.* FROM (SELECT v.ctid AS address FROM video v, q" + where + startAfter + " ORDER BY "
                + candidateOrder + " LIMIT " + limit + ") c JOIN video w ON w.ctid = c.address";
        String ctes = QUERY;
        if (common) {
            // The walk's own LIMIT is a constant so that even a generic plan reads the order's index.
            // The query as a scalar, not a join with q: a join may put q first, and a custom plan then
            // sorts all walkLimit rows instead of stopping at the limit.
            ctes += ", walk AS (SELECT v.* FROM (SELECT * FROM video v WHERE v.listed" + startAfter + " ORDER BY " + candidateOrder
                    + " LIMIT " + walkLimit + ") v" + sql.where("(SELECT query FROM q)") + " ORDER BY " + candidateOrder
                    + " LIMIT " + limit + ") ";
            candidates = "SELECT * FROM walk WHERE (SELECT count(*) FROM walk) >= " + limit
                    + " UNION ALL SELECT * FROM (" + candidates + ") indexed WHERE (SELECT count(*) FROM walk) < " + limit;
        }
        StringBuilder inner = new StringBuilder("SELECT ").append(COLUMNS).append(", ").append(score).append(" AS score")
                .append(" FROM (").append(candidates).append(") v, q");
        if (ranked && after != null) {
            inner.append(" WHERE ").append(afterCursor);
        }
        String innerOrder = (ranked ? "score" : key) + " DESC, v.video_id DESC";
        String outerOrder = (ranked ? "v.score" : key) + " DESC, v.video_id DESC";
        inner.append(" ORDER BY ").append(innerOrder).append(" LIMIT ").append(sql.param(criteria.limit()));
        String text = ctes + "SELECT v.video_id, v.channel_id, v.title, " + SNIPPET + ", v.tags, v.duration_ms,"
                + " v.published_at, v.view_count, v.poster_url, v.score FROM (" + inner + ") v, q ORDER BY " + outerOrder;
        return pool.preparedQuery(text).execute(sql.args()).map(rows -> {
            List<SearchHit> hits = new ArrayList<>(rows.size());
            rows.forEach(row -> hits.add(hit(row)));
            return hits;
        });
    }

    /**
     * The number of matches, exact below the count limit and from it on estimated from the share
     * of rows read to find that many, and whether they are common.
     */
    public Uni<Matches> countMatches(SearchCriteria criteria) {
        Sql sql = new Sql(criteria);
        String text = QUERY + "SELECT count(*), max((v.ctid::text::point)[0]) + 1, max(c.reltuples::float8), max(c.relpages)"
                + " FROM (SELECT v.ctid FROM video v, q" + sql.where() + " LIMIT " + sql.param(countLimit) + ") AS v,"
                + " (SELECT reltuples, relpages FROM pg_class WHERE oid = 'video'::regclass) AS c";
        return pool.preparedQuery(text).execute(sql.args()).map(rows -> {
            Row row = rows.iterator().next();
            long found = row.getLong(0);
            if (found < countLimit || row.getDouble(2) <= 0) {
                // Exact, or no statistics yet (reltuples is -1 before the first ANALYZE).
                return new Matches(found, false);
            }
            double catalogRows = row.getDouble(2);
            // Matches found / rows in the blocks read for them.
            double share = found / (row.getDouble(1) * catalogRows / Math.max(1, row.getInteger(3)));
            return new Matches(Math.max(found, Math.round(share * catalogRows)), share >= COMMON_SHARE);
        });
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
            return where("q.query");
        }

        /** The conditions on {@code v}, matching the tsquery {@code query}. */
        String where(String query) {
            StringBuilder where = new StringBuilder(" WHERE v.listed AND v.document @@ ").append(query);
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
