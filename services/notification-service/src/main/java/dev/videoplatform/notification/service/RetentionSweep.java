package dev.videoplatform.notification.service;

import dev.videoplatform.notification.config.NotificationConfig;
import dev.videoplatform.notification.repository.FanOutJobs;
import dev.videoplatform.notification.repository.Inbox;
import dev.videoplatform.notification.repository.OutgoingEmails;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Deletes notifications older than the retention, and finished fan-out jobs and sent or given-up
 * emails as old, in batches
 * of short statements so the inbox never waits on a long delete. Safe on every replica at once.
 */
@ApplicationScoped
public class RetentionSweep {

    private static final Logger LOG = Logger.getLogger(RetentionSweep.class);

    private final Inbox inbox;
    private final FanOutJobs jobs;
    private final OutgoingEmails emails;
    private final Duration retention;
    private final int batch;

    public RetentionSweep(Inbox inbox, FanOutJobs jobs, OutgoingEmails emails, NotificationConfig config) {
        this.inbox = inbox;
        this.jobs = jobs;
        this.emails = emails;
        this.retention = config.retention();
        this.batch = config.sweepBatch();
    }

    @Scheduled(every = "${videoplatform.notification.sweep-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRun() {
        return sweep(Instant.now().minus(retention)).onFailure().recoverWithItem(failure -> {
            LOG.warnf("retention sweep failed, the next run continues: %s", failure.getMessage());
            return 0L;
        }).replaceWithVoid();
    }

    /** Deletes everything older than {@code cutoff}; returns how many notifications went. */
    public Uni<Long> sweep(Instant cutoff) {
        AtomicLong deleted = new AtomicLong();
        return Uni.createFrom().deferred(() -> inbox.deleteOlderThan(cutoff, batch))
                .repeat().whilst(n -> {
                    deleted.addAndGet(n);
                    return n == batch;
                }).collect().last()
                .call(() -> jobs.deleteFinishedBefore(cutoff))
                .call(() -> emails.deleteDoneBefore(cutoff))
                .map(x -> deleted.get());
    }
}
