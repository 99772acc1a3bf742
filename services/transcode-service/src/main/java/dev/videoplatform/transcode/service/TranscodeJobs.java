package dev.videoplatform.transcode.service;

import com.google.protobuf.Timestamp;
import dev.videoplatform.events.v1.RenditionSpec;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.transcode.config.TranscodeConfig;
import dev.videoplatform.transcode.v1.Job;
import dev.videoplatform.transcode.v1.JobState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The jobs this replica holds: running ones and those finished within the retention period.
 * In memory by design (the service has no database); TranscodeAdmin reads it.
 */
@ApplicationScoped
public class TranscodeJobs {

    /** Newest first, then by id, the order ListJobs pages in. */
    public static final Comparator<Job> NEWEST_FIRST = Comparator
            .comparing((Job j) -> j.getCreateTime().getSeconds() * 1_000_000_000L + j.getCreateTime().getNanos()).reversed()
            .thenComparing(Job::getJobId);

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final TranscodeConfig config;
    private final Clock clock;

    public TranscodeJobs(TranscodeConfig config) {
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    public void queued(VideoTranscodeRequested request) {
        forget();
        jobs.put(request.getJobId(), Job.newBuilder().setJobId(request.getJobId()).setVideoId(request.getVideoId())
                .setState(JobState.JOB_STATE_QUEUED).setAttempts(request.getAttempt()).setCreateTime(now())
                .addAllRenditions(request.getRenditionsList().stream().map(RenditionSpec::getName).toList()).build());
    }

    public void running(String jobId) {
        update(jobId, j -> j.setState(JobState.JOB_STATE_RUNNING).setStartTime(now()));
    }

    public void progress(String jobId, int percent) {
        update(jobId, j -> j.setProgressPercent(percent));
    }

    /** A step failed transiently and is being tried again. */
    public void retrying(String jobId, String error) {
        update(jobId, j -> j.setLastError(error));
    }

    public void succeeded(String jobId) {
        update(jobId, j -> j.setState(JobState.JOB_STATE_SUCCEEDED).setProgressPercent(100).setEndTime(now()));
    }

    public void failed(String jobId, String reason) {
        update(jobId, j -> j.setState(JobState.JOB_STATE_FAILED).setLastError(reason).setEndTime(now()));
    }

    public Optional<Job> get(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    /** Jobs matching the filters, newest first. */
    public List<Job> list(JobState state, String videoId) {
        forget();
        return jobs.values().stream()
                .filter(j -> state == JobState.JOB_STATE_UNSPECIFIED || j.getState() == state)
                .filter(j -> videoId.isEmpty() || j.getVideoId().equals(videoId))
                .sorted(NEWEST_FIRST).toList();
    }

    private void update(String jobId, UnaryOperator<Job.Builder> change) {
        jobs.computeIfPresent(jobId, (id, job) -> change.apply(job.toBuilder()).build());
    }

    /** Drops finished jobs older than the retention period. */
    private void forget() {
        long cutoff = clock.instant().minus(config.jobRetention()).getEpochSecond();
        jobs.values().removeIf(j -> j.hasEndTime() && j.getEndTime().getSeconds() < cutoff);
    }

    private Timestamp now() {
        Instant now = clock.instant();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }
}
