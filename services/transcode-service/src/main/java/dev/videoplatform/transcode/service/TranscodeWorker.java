package dev.videoplatform.transcode.service;

import com.google.protobuf.Message;
import dev.videoplatform.events.v1.VideoTranscodeFailed;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.transcode.config.TranscodeConfig;
import dev.videoplatform.transcode.ffmpeg.FfmpegTools;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;

/**
 * Runs one job to an outcome: a job whose output is already published is not redone (its stored
 * result is returned), transient failures are retried with doubling back-off, and every failure
 * ends as a {@link VideoTranscodeFailed} so a video never stays PROCESSING without word.
 * A job cut short by the worker stopping has no outcome: it stays unacknowledged and is redone
 * after redelivery.
 */
@ApplicationScoped
public class TranscodeWorker {

    private static final Logger LOG = Logger.getLogger(TranscodeWorker.class);

    /** What to report for a job; {@code repeated} when it had finished before (a redelivery). */
    public record Outcome(Message event, boolean repeated) {
    }

    private final HlsTranscoder transcoder;
    private final TranscodeJobs jobs;
    private final FfmpegTools tools;
    private final TranscodeConfig config;

    public TranscodeWorker(HlsTranscoder transcoder, TranscodeJobs jobs, FfmpegTools tools, TranscodeConfig config) {
        this.transcoder = transcoder;
        this.jobs = jobs;
        this.tools = tools;
        this.config = config;
    }

    /** The outcome to report, or empty when the worker is stopping. */
    public Optional<Outcome> process(VideoTranscodeRequested job, IntConsumer progress) {
        String id = job.getJobId();
        jobs.queued(job);
        Optional<VideoTranscoded> done = alreadyDone(job);
        if (done.isPresent()) {
            jobs.succeeded(id);
            return Optional.of(new Outcome(done.get(), true));
        }
        jobs.running(id);
        Duration backoff = config.transientBackoff();
        for (int tries = 1; ; tries++) {
            try {
                VideoTranscoded result = transcoder.transcode(job, percent -> {
                    jobs.progress(id, percent);
                    progress.accept(percent);
                });
                jobs.succeeded(id);
                return Optional.of(new Outcome(result, false));
            } catch (RuntimeException e) {
                TranscodeFailure failure = e instanceof TranscodeFailure f ? f : unexpected(job, e);
                if (tools.stopping()) {
                    jobs.failed(id, "the worker stopped; the job will be redone after redelivery");
                    return Optional.empty();
                }
                if (!failure.retriable() || tries >= config.transientAttempts()) {
                    jobs.failed(id, failure.reason());
                    return Optional.of(new Outcome(VideoTranscodeFailed.newBuilder().setVideoId(job.getVideoId())
                            .setJobId(id).setAttempt(job.getAttempt()).setReason(failure.reason())
                            .setRetriable(failure.retriable()).build(), false));
                }
                LOG.warnf("job %s: %s; trying again in %s", id, failure.reason(), backoff);
                jobs.retrying(id, failure.reason());
                if (!sleep(backoff)) {
                    return Optional.empty();
                }
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private Optional<VideoTranscoded> alreadyDone(VideoTranscodeRequested job) {
        try {
            return transcoder.finished(job);
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "job %s: could not read a previous result; transcoding again", job.getJobId());
            return Optional.empty();
        }
    }

    private static TranscodeFailure unexpected(VideoTranscodeRequested job, RuntimeException e) {
        LOG.errorf(e, "job %s failed unexpectedly", job.getJobId());
        return TranscodeFailure.transientFailure("an internal error stopped the transcoder", e);
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
