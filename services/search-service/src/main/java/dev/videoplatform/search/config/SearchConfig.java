package dev.videoplatform.search.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "videoplatform.search")
public interface SearchConfig {

    Ranking ranking();

    Cache cache();

    Rebuild rebuild();

    /**
     * A query with fewer full-text matches than this is thin: its unknown words are looked up
     * in the lexicon, and the corrected query answers instead when it finds more.
     */
    @WithDefault("3")
    int thinResults();

    /** Least trigram similarity (0–1) for an indexed word to stand in for an unknown query word. */
    @WithDefault("0.4")
    double correctionSimilarity();

    /**
     * total_size counts matches exactly below this number; from it on, total_size is estimated
     * from how many rows were read to find this many (counting every match of a common word would
     * read much of the catalog).
     */
    @WithDefault("100")
    int countLimit();

    /**
     * The relevance order ranks this many of the most viewed matches, and pages through them (a
     * common word matches much of the catalog, and ranking all of it would cost a ts_rank each).
     */
    @WithDefault("300")
    int rankedMatches();

    /** The rebuild from the catalog (SearchAdmin.RebuildIndex). */
    interface Rebuild {
        /** Catalog videos per page, 1–100: one BatchGetUsers call (at most 100 ids) names a page's channels. */
        @WithDefault("100")
        int pageSize();

        /**
         * How far the catalog's clock may be behind this one: the sweep spares rows whose catalog
         * version is this close to the walk's start, so a video created just as the walk ended is
         * never taken for one the catalog does not have.
         */
        @WithDefault("1m")
        Duration clockSkew();
    }

    /**
     * Relevance = text × text-rank (0–1) + popularity × log10(1 + views) / 9 + freshness × 2^(−age / half-life).
     * Each part is about 0–1, so the weights say how much each may move a result.
     */
    interface Ranking {
        @WithDefault("1.0")
        double textWeight();

        @WithDefault("0.15")
        double popularityWeight();

        @WithDefault("0.1")
        double freshnessWeight();

        @WithDefault("30d")
        Duration freshnessHalfLife();
    }

    /** Hot queries (see {@code cache.HotQueries}): answers kept in Redis and in memory. */
    interface Cache {
        /** Off only to measure the database's share (the search benchmark beside pgbench). */
        @WithDefault("true")
        boolean enabled();

        /** How long an answer is kept; it is dropped sooner when the listed videos change. */
        @WithDefault("10s")
        Duration ttl();

        /** Answers kept in memory per kind and replica; 0 keeps them in Redis only. */
        @WithDefault("2000")
        long nearMaxEntries();

        /** How long changes to the listed videos are gathered before the cached answers are retired. */
        @WithDefault("200ms")
        Duration changeDelay();

        /**
         * How old (from when its load began) a query's previous answer may be and still be given
         * to readers that arrive while this replica loads the query under a new generation; older,
         * they wait for that load.
         */
        @WithDefault("500ms")
        Duration staleWhileReloading();

        /**
         * Autocomplete answers (the most recently asked, each asked within the last 5 s) that each
         * replica loads again as soon as it learns a new generation, ahead of their readers; 0: none.
         */
        @WithDefault("500")
        long completionsLoadedAhead();
    }
}
