package dev.videoplatform.transcode.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the transcode workers ({@code videoplatform.transcode.*}). */
@ConfigMapping(prefix = "videoplatform.transcode")
public interface TranscodeConfig {

    /** The ffmpeg executable: a name looked up on PATH, or a path. */
    @WithDefault("ffmpeg")
    String ffmpeg();

    /** The ffprobe executable: a name looked up on PATH, or a path. */
    @WithDefault("ffprobe")
    String ffprobe();

    /**
     * Jobs run at once by this replica (one Kafka consumer each). Its default, one per two
     * cores, comes from {@link ParallelJobsDefault}.
     */
    int parallelJobs();

    /** Target HLS segment length; keyframes are forced on this grid in every rendition. */
    @WithDefault("4")
    int segmentSeconds();

    /** x264 preset: speed against size. */
    @WithDefault("veryfast")
    String x264Preset();

    /** At most one progress event per job per this interval. */
    @WithDefault("5s")
    Duration progressInterval();

    /** A job running longer than this is killed and reported as a retriable failure. */
    @WithDefault("2h")
    Duration jobTimeout();

    /** Tries for a step failing with a transient (I/O) error before the job fails as retriable. */
    @WithDefault("3")
    int transientAttempts();

    /** First back-off between those tries; doubles each time. */
    @WithDefault("1s")
    Duration transientBackoff();

    /** How long finished jobs stay visible through TranscodeAdmin. */
    @WithDefault("24h")
    Duration jobRetention();
}
