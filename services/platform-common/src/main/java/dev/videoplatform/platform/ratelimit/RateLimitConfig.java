package dev.videoplatform.platform.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Per-caller budgets, one per rate class (see videoplatform.options.v1.RateClass). */
@ConfigMapping(prefix = "videoplatform.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

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
