package dev.videoplatform.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "videoplatform.analytics")
public interface AnalyticsConfig {

    Ingest ingest();

    Aggregation aggregation();

    Trending trending();

    /** What RecordView accepts (the proto's documented bounds). */
    interface Ingest {
        /** How far a report's client_time may be ahead of this server's clock. */
        @WithDefault("5m")
        Duration maxClockSkew();

        /** How old a report's client_time may be. */
        @WithDefault("24h")
        Duration maxAge();

        /** Most watch time one report may carry. */
        @WithDefault("6h")
        Duration maxWatch();

        /** Longest playback position a report may carry. */
        @WithDefault("24h")
        Duration maxPosition();
    }

    /** The Streams topology (exactly-once; see streams/ViewTopology). */
    interface Aggregation {
        /** A viewer's views of one video count once per this window, however often they are sent. */
        @WithDefault("30m")
        Duration dedupWindow();

        /**
         * How long after its hour ends a view is still counted (into that hour). Later views are
         * not counted at all (metric analytics.events.late): past it the dedup state is gone, so
         * counting them could double-count.
         */
        @WithDefault("1h")
        Duration grace();

        /** How often changed aggregates are written to PostgreSQL (freshness of GetVideoStats). */
        @WithDefault("1s")
        Duration flushInterval();

        /** Least time between two analytics.video.counts events of one video. */
        @WithDefault("10s")
        Duration countsInterval();
    }

    /** GetTrending's score: (views + watch minutes / watch-minutes-per-view) × 2^(−age / half-life), summed over hours. */
    interface Trending {
        @WithDefault("6h")
        Duration halfLife();

        /** Watch minutes worth one view in the score. */
        @WithDefault("10")
        double watchMinutesPerView();

        /** Videos ranked per window (the last page ends here). */
        @WithDefault("500")
        int maxRanked();
    }
}
