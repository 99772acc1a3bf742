package dev.videoplatform.transcode.events;

import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.VideoTranscodeProgress;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.platform.events.ConsumerSpan;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.PoisonEventException;
import dev.videoplatform.transcode.config.TranscodeConfig;
import dev.videoplatform.transcode.service.TranscodeWorker;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code video.transcode}. Each consumer (there are {@code parallel-jobs} of them) runs
 * one job at a time on a worker thread while the Kafka connector keeps polling with its
 * partitions paused, so a long job never costs the group a rebalance. The record is acknowledged
 * only after the result event is on Kafka; unreadable requests go to {@code video.transcode.dlq}.
 * The job runs in the request's {@link ConsumerSpan}, continuing the uploader's trace, and the
 * events it emits carry that trace on.
 */
@ApplicationScoped
public class TranscodeRequestConsumer {

    private static final String GROUP = "transcode-service";
    private static final Logger LOG = Logger.getLogger(TranscodeRequestConsumer.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");

    private final TranscodeWorker worker;
    private final TranscodeEvents events;
    private final TranscodeConfig config;
    private final Tracer tracer;

    public TranscodeRequestConsumer(TranscodeWorker worker, TranscodeEvents events, TranscodeConfig config, Tracer tracer) {
        this.worker = worker;
        this.events = events;
        this.config = config;
        this.tracer = tracer;
    }

    @Incoming("video-transcode")
    @Blocking
    public CompletionStage<Void> onRequest(Message<byte[]> message) {
        EventEnvelope envelope;
        VideoTranscodeRequested job;
        try {
            envelope = EventEnvelopes.parse(message.getPayload());
            job = request(envelope);
        } catch (PoisonEventException e) {
            LOG.warnf("unusable transcode request sent to the DLQ: %s", e.getMessage());
            return message.nack(e);
        }
        ConsumerSpan span = ConsumerSpan.start(tracer, GROUP, envelope)
                .attribute("videoplatform.video_id", job.getVideoId())
                .attribute("videoplatform.job_id", job.getJobId());
        try (Scope ignored = span.makeCurrent()) {
            Optional<TranscodeWorker.Outcome> outcome = worker.process(job, new ProgressReports(job));
            if (outcome.isEmpty()) {
                span.failed("worker stopped");
                // Never acknowledged: the job is redelivered to a live worker and redone there.
                return new CompletableFuture<>();
            }
            span.attribute("videoplatform.repeated", outcome.get().repeated());
            events.result(job.getVideoId(), job.getJobId(), outcome.get().event());
            return message.ack();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CompletableFuture<>();
        } catch (RuntimeException e) {
            span.failed(e);
            return message.nack(e);
        } finally {
            span.end();
        }
    }

    private static VideoTranscodeRequested request(EventEnvelope envelope) {
        VideoTranscodeRequested job = EventEnvelopes.payload(envelope, VideoTranscodeRequested.class);
        if (job.getVideoId().isEmpty() || job.getJobId().isEmpty() || !KEY.matcher(job.getRawBlobKey()).matches()
                || !job.getHlsPrefix().endsWith("/") || !KEY.matcher(job.getHlsPrefix().replaceAll("/$", "")).matches()
                || job.getHlsPrefix().contains("..") || job.getRawBlobKey().contains("..")) {
            throw new PoisonEventException("transcode request " + envelope.getEventId()
                    + " lacks a video id, job id, raw blob key or HLS prefix", null);
        }
        return job;
    }

    /** Progress events for one job, at most one per configured interval (and always the first). */
    private final class ProgressReports implements java.util.function.IntConsumer {

        private final VideoTranscodeRequested job;
        private long lastSent = Long.MIN_VALUE;

        ProgressReports(VideoTranscodeRequested job) {
            this.job = job;
        }

        @Override
        public void accept(int percent) {
            long now = System.nanoTime();
            if (percent >= 100 || (lastSent != Long.MIN_VALUE && now - lastSent < config.progressInterval().toNanos())) {
                return;
            }
            lastSent = now;
            events.progress(job.getVideoId(), VideoTranscodeProgress.newBuilder().setVideoId(job.getVideoId())
                    .setJobId(job.getJobId()).setAttempt(job.getAttempt()).setProgressPercent(percent)
                    .setCurrentRendition(String.join(",", job.getRenditionsList().stream().map(r -> r.getName()).toList()))
                    .build());
        }
    }
}
