package dev.videoplatform.transcode.service;

import dev.videoplatform.transcode.config.TranscodeConfig;
import dev.videoplatform.transcode.ffmpeg.MediaInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * What a source may be before any encoding starts (length, picture size, frame rate, stream
 * count), refused as bad input so the job is not retried, and how long its job may then run.
 */
@ApplicationScoped
public class SourceLimits {

    private final TranscodeConfig config;

    public SourceLimits(TranscodeConfig config) {
        this.config = config;
    }

    public void check(MediaInfo media) {
        TranscodeConfig.Limits limits = config.limits();
        if (media.durationSeconds() > limits.maxDuration().toMillis() / 1000.0) {
            throw TranscodeFailure.badInput(String.format(Locale.ROOT, "the video is %.0f s long; at most %d s are accepted",
                    media.durationSeconds(), limits.maxDuration().toSeconds()));
        }
        int longCap = Math.max(limits.maxWidth(), limits.maxHeight());
        int shortCap = Math.min(limits.maxWidth(), limits.maxHeight());
        if (Math.max(media.width(), media.height()) > longCap || media.shortSide() > shortCap) {
            throw TranscodeFailure.badInput("the video is " + media.width() + "×" + media.height() + "; at most " + longCap
                    + "×" + shortCap + " (either way round) is accepted");
        }
        if (media.frameRate() > limits.maxFrameRate()) {
            throw TranscodeFailure.badInput(String.format(Locale.ROOT,
                    "the video has %.2f frames per second; at most %s are accepted", media.frameRate(), limits.maxFrameRate()));
        }
        if (media.streams() > limits.maxStreams()) {
            throw TranscodeFailure.badInput("the file holds " + media.streams() + " streams; at most " + limits.maxStreams()
                    + " are accepted");
        }
    }

    /** The wall time the encoding run of this source may take. */
    public Duration encodingBudget(MediaInfo media) {
        return config.jobTimeBase().plusMillis(Math.round(config.jobTimePerSourceSecond() * media.durationSeconds() * 1000));
    }
}
