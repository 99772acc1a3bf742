package dev.videoplatform.platform.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Per-caller budgets, one per rate class (see videoplatform.options.v1.RateClass). */
@ConfigMapping(prefix = "videoplatform.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /**
     * The share of a budget one replica may admit before Redis confirms it (at least one call):
     * the most a window can be overshot by, per other replica (see {@link RateLimiter}).
     */
    @WithDefault("0.1")
    double leaseFraction();

    /** How often a replica adds its calls to the shared counters in Redis (one pipelined round trip). */
    @WithDefault("20ms")
    Duration syncInterval();

    @WithDefault("200")
    int readRequests();

    @WithDefault("1s")
    Duration readWindow();

    @WithDefault("30")
    int writeRequests();

    @WithDefault("1s")
    Duration writeWindow();

    /** Login/register/refresh: tight, against credential stuffing. */
    @WithDefault("20")
    int authRequests();

    @WithDefault("1m")
    Duration authWindow();

    @WithDefault("10")
    int heavyRequests();

    @WithDefault("1s")
    Duration heavyWindow();
}
