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
 * difference. Rows already written are skipped by the INSERT.
 *
 * <p>Each job is merged into a reader's inbox once: the jobs merged are recorded per reader
 * with the rows, and a read looks only at the others, so a read with nothing new since the last
 * costs one query and no user-service call. Like a fan-out on write, the decision is taken once,
 * with the subscriptions and preferences of that moment. When user-service cannot say which
 * channels the reader follows, the inbox is shown without them and nothing is recorded; the next
 * read tries again.
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

    /** Writes the reader's rows of recent videos fanned out on read and not merged for them yet. */
    @WithSpan
    public Uni<Void> merge(String readerId) {
        Instant window = Instant.now().minus(retention);
        return jobs.unmergedOnRead(readerId, window, limit).flatMap(unmerged -> {
            if (unmerged.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<String> channels = unmerged.stream().map(Job::channelId).filter(c -> !c.equals(readerId))
                    .distinct().toList();
            Uni<Map<String, Instant>> followed = channels.isEmpty() ? Uni.createFrom().item(Map.of())
                    : subscribers.subscribedAmong(readerId, channels);
            return followed.flatMap(subscribedSince -> write(readerId, unmerged, subscribedSince, window))
                    .onFailure().recoverWithItem(failure -> {
                        LOG.warnf("videos fanned out on read not merged for now: %s", failure.toString());
                        return null;
                    });
        });
    }

    /** The due rows and the record that every one of {@code unmerged} is merged, in one transaction. */
    private Uni<Void> write(String readerId, List<Job> unmerged, Map<String, Instant> subscribedSince, Instant window) {
        List<Job> due = unmerged.stream().filter(job -> subscribedSince.containsKey(job.channelId())
                && !subscribedSince.get(job.channelId()).isAfter(job.publishedAt())).toList();
        return inbox.pool().withTransaction(tx -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Job job : due) {
                chain = chain.call(() -> inbox.deliver(tx, FanOut.notificationOf(job), List.of(readerId)));
            }
            return chain.call(() -> jobs.merged(tx, readerId, unmerged.stream().map(Job::eventId).toList(), window, limit));
        });
    }
}
