package dev.videoplatform.platform.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The in-process copies in front of Redis, and the feed that keeps them coherent across replicas. */
@ConfigMapping(prefix = "videoplatform.cache")
public interface CacheConfig {

    /**
     * How long a replica keeps a record in memory. Changes reach every replica through the
     * {@link ChangeFeed} within milliseconds; this only bounds how long a copy can outlive a
     * change whose message and the following gap detection both failed.
     */
    @WithDefault("30s")
    Duration nearTtl();

    /** Records kept in memory per cache and replica; 0 turns the near caches off. */
    @WithDefault("10000")
    long nearMaxEntries();

    /** How often each replica checks that its change feed still delivers (see {@link ChangeFeed}). */
    @WithDefault("500ms")
    Duration heartbeat();
}
