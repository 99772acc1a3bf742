package dev.videoplatform.transcode.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

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

    /**
     * A job's wall-time budget is this plus {@link #jobTimePerSourceSecond()} times the source's
     * duration; a job running longer is killed and reported as a retriable failure. Scaling with
     * the (capped) duration keeps a short upload from holding a worker for hours.
     */
    @WithDefault("10m")
    Duration jobTimeBase();

    /** Encoding seconds allowed per second of source, on top of {@link #jobTimeBase()}. */
    @WithDefault("4")
    double jobTimePerSourceSecond();

    /**
     * The only ffmpeg demuxers an upload may be read with (names as {@code ffmpeg -demuxers}
     * lists them; {@code mov} covers mp4/mov/3gp, {@code matroska} covers mkv/webm). Never add
     * playlist or list demuxers (concat, hls, dash), image demuxers or anything else that opens
     * further files.
     */
    @WithDefault("mov,matroska,avi,mpegts,flv")
    List<String> inputFormats();

    /** What an upload may be; anything beyond is refused before encoding starts. */
    Limits limits();

    /** Caps checked against ffprobe's answer ({@code videoplatform.transcode.limits.*}). */
    interface Limits {

        @WithDefault("12h")
        Duration maxDuration();

        /** Picture size caps, in either orientation (a portrait 4320×7680 fits 7680×4320). */
        @WithDefault("7680")
        int maxWidth();

        @WithDefault("4320")
        int maxHeight();

        @WithDefault("120")
        double maxFrameRate();

        /** Streams of any kind in the file (video, audio, subtitles, data, attachments). */
        @WithDefault("16")
        int maxStreams();
    }

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
