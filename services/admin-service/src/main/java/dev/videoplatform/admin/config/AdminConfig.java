package dev.videoplatform.admin.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** admin-service settings ({@code videoplatform.admin.*}). */
@ConfigMapping(prefix = "videoplatform.admin")
public interface AdminConfig {

    /** Distinct users with an OPEN report on a video from which its reports are priority ones. */
    @WithDefault("3")
    int priorityReporters();

    /**
     * How often timed suspensions that have ended are lifted. Read by the scheduler (see
     * SuspensionExpiry), declared here so that the key is known and has one default.
     */
    @WithDefault("15s")
    Duration suspensionCheckInterval();

    /** Expired suspensions ended per run at most; the rest wait for the next run. */
    @WithDefault("100")
    int suspensionCheckBatch();
}
