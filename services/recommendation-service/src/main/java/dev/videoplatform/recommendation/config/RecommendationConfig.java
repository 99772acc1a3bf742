package dev.videoplatform.recommendation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;

/** Settings of co-visitation and feed ranking ({@code videoplatform.recommendation.*}). */
@ConfigMapping(prefix = "videoplatform.recommendation")
public interface RecommendationConfig {

    /** How the watch log becomes co-visitation counts. */
    CoVisitation coVisitation();

    /** How the home feed is put together. */
    Feed feed();

    /** Response caches and fallbacks. */
    Caches caches();

    interface CoVisitation {
        /** Two videos a viewer watched at most this far apart count as watched together. */
        @WithDefault("2h")
        Duration sessionWindow();

        /** Neighbours kept per video (the sorted set is trimmed to this many, by co-visit weight). */
        @WithDefault("100")
        int neighbours();

        /**
         * Half-life of a co-visit: each visit weighs 2^((t - landmark) / half-life) (forward decay),
         * so older co-visits fade relative to new ones without rewriting stored counts.
         */
        @WithDefault("14d")
        Duration halfLife();

        /** Origin of the decay weights; moving it forward needs a rebuild (weights grow by 2 per half-life). */
        @WithDefault("2026-01-01T00:00:00Z")
        Instant landmark();

        /** Videos remembered per viewer (their recent history: session window, home feed, "watched"). */
        @WithDefault("200")
        int historySize();

        /** How long a viewer's history lives after their last view. */
        @WithDefault("30d")
        Duration historyTtl();

        /** How long a processed view id is remembered, so a redelivered view changes nothing. */
        @WithDefault("7d")
        Duration processedTtl();
    }

    interface Feed {
        /** Blend weight of new uploads from subscribed channels. */
        @WithDefault("1.0")
        double subscriptionWeight();

        /** Blend weight of videos watched together with the viewer's recent history. */
        @WithDefault("1.0")
        double watchedTogetherWeight();

        /** Blend weight of trending videos. */
        @WithDefault("0.3")
        double trendingWeight();

        /** Recent history items whose neighbours feed the home feed. */
        @WithDefault("20")
        int historySeeds();

        /** Uploads considered per subscribed channel. */
        @WithDefault("10")
        int uploadsPerChannel();

        /**
         * How long a viewer's subscriptions, reconciled with user-service, are trusted as the
         * events keep them; after that (or when never reconciled) the next feed asks user-service.
         */
        @WithDefault("1h")
        Duration subscriptionsReconcile();

        /** Subscription uploads older than this are not "new". */
        @WithDefault("30d")
        Duration uploadsMaxAge();

        /** Trending videos asked for per feed. */
        @WithDefault("50")
        int trendingSize();

        /** At most this many videos of one channel per page. */
        @WithDefault("2")
        int maxPerChannel();

        /** Videos ranked into one feed snapshot. */
        @WithDefault("300")
        int snapshotSize();

        /** How long a feed snapshot (what page tokens point into) lives. */
        @WithDefault("30m")
        Duration snapshotTtl();
    }

    interface Caches {
        /** Per-user first-page cache of GetHomeFeed. */
        @WithDefault("30s")
        Duration homeFeed();

        /** Per-video cache of GetRelated. */
        @WithDefault("60s")
        Duration related();

        /**
         * Responses (related lists, first pages) each replica also keeps in memory, for at most
         * the Redis TTL: hot videos and active viewers are answered without a Redis round trip.
         */
        @WithDefault("2000")
        long nearEntries();

        /** How long analytics' trending list is used before it is asked again. */
        @WithDefault("15s")
        Duration trending();

        /** How long the last trending list seen stays available as the fallback. */
        @WithDefault("7d")
        Duration trendingFallback();
    }
}
