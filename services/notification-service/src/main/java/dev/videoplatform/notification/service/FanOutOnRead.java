package dev.videoplatform.notification.service;

import dev.videoplatform.notification.client.UserDirectory;
import dev.videoplatform.notification.config.NotificationConfig;
import dev.videoplatform.notification.repository.FanOutJobs;
import dev.videoplatform.notification.repository.FanOutJobs.Job;
import dev.videoplatform.notification.repository.Inbox;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Fan-out on read: before an inbox is read, the recent videos of very large channels (jobs
 * marked on read) whose channel the reader subscribed to before the video came out are written
 * to the reader's inbox, exactly as a fan-out on write would have written them (same source
 * key, time, texts, preferences and mutes), so pages, unread counts and MarkRead see no
 * difference. Rows already written are skipped by the INSERT. When user-service cannot say which
 * channels the reader follows, the inbox is shown without them; the next read adds them.
 */
@ApplicationScoped
public class FanOutOnRead {

    private static final Logger LOG = Logger.getLogger(FanOutOnRead.class);

    private final FanOutJobs jobs;
    private final Inbox inbox;
    private final UserDirectory subscribers;
    private final Duration retention;
    private final int limit;

    public FanOutOnRead(FanOutJobs jobs, Inbox inbox, UserDirectory subscribers, NotificationConfig config) {
        this.jobs = jobs;
        this.inbox = inbox;
        this.subscribers = subscribers;
        this.retention = config.retention();
        this.limit = config.fanout().readMergeLimit();
    }

    /** Writes the reader's rows of recent videos fanned out on read. */
    @WithSpan
    public Uni<Void> merge(String readerId) {
        return jobs.recentOnRead(Instant.now().minus(retention), limit).flatMap(recent -> {
            List<Job> others = recent.stream().filter(job -> !job.channelId().equals(readerId)).toList();
            if (others.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return subscribers.subscribedAmong(readerId, others.stream().map(Job::channelId).distinct().toList())
                    .flatMap(since -> write(readerId, others, since))
                    .onFailure().recoverWithItem(failure -> {
                        LOG.warnf("videos fanned out on read not merged for now: %s", failure.toString());
                        return null;
                    });
        });
    }

    private Uni<Void> write(String readerId, List<Job> recent, Map<String, Instant> subscribedSince) {
        List<Job> due = recent.stream().filter(job -> subscribedSince.containsKey(job.channelId())
                && !subscribedSince.get(job.channelId()).isAfter(job.publishedAt())).toList();
        if (due.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return inbox.pool().withTransaction(tx -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Job job : due) {
                chain = chain.call(() -> inbox.deliver(tx, FanOut.notificationOf(job), List.of(readerId)));
            }
            return chain;
        });
    }
}
