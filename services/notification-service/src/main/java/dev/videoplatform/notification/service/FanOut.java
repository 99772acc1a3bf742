package dev.videoplatform.notification.service;

import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.VideoPublished;
import dev.videoplatform.notification.client.SubscriberDirectory;
import dev.videoplatform.notification.config.NotificationConfig;
import dev.videoplatform.notification.repository.FanOutJobs;
import dev.videoplatform.notification.repository.FanOutJobs.Job;
import dev.videoplatform.notification.repository.Inbox;
import dev.videoplatform.notification.repository.NewNotification;
import dev.videoplatform.notification.v1.NotificationKind;
import dev.videoplatform.platform.events.EventEnvelopes;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Fans new videos out to the channel's subscribers: for each open job, page by page from
 * user-service, one INSERT of inbox rows per page in the same transaction that saves the next
 * page's position. A crash loses at most the page in flight, which the next holder of the job
 * writes again without duplicates (unique per event and recipient). Jobs start as soon as their
 * event is consumed; the poll picks up jobs whose holder died.
 */
@ApplicationScoped
public class FanOut {

    private static final Logger LOG = Logger.getLogger(FanOut.class);

    /** The job moved on without us: another replica took it over after our lease ran out. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(String eventId) {
            super("fan-out of " + eventId + " was taken over by another worker", null, false, false);
        }
    }

    private final FanOutJobs jobs;
    private final Inbox inbox;
    private final SubscriberDirectory subscribers;
    private final LiveNotifications live;
    private final Duration lease;
    private final int pageSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenAgain = new AtomicBoolean();

    public FanOut(FanOutJobs jobs, Inbox inbox, SubscriberDirectory subscribers, LiveNotifications live,
            NotificationConfig config) {
        this.jobs = jobs;
        this.inbox = inbox;
        this.subscribers = subscribers;
        this.live = live;
        this.lease = config.fanout().lease();
        this.pageSize = config.fanout().pageSize();
    }

    /** Saves the fan-out of a newly published video; it starts with the next {@link #wake()}. */
    public Uni<Void> schedule(SqlClient tx, EventEnvelope envelope, VideoPublished video) {
        return jobs.create(tx, new Job(envelope.getEventId(),
                EventEnvelopes.requiredId(envelope, video.getChannelId(), "channel_id"),
                EventEnvelopes.requiredId(envelope, video.getVideoId(), "video_id"),
                NotificationTexts.newVideoTitle(video.getTitle()), NotificationTexts.body(video.getDescription()),
                EventEnvelopes.occurredAt(envelope), ""));
    }

    @Scheduled(every = "${videoplatform.notification.fanout.poll-interval}", delayed = "1s")
    void poll() {
        wake();
    }

    /** Works through the open jobs unless this replica already does; a wake-up meanwhile runs it again. */
    public void wake() {
        wokenAgain.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        wokenAgain.set(false);
        drain().subscribe().with(done -> finished(), failure -> {
            LOG.warnf("fan-out stopped, the job resumes from its saved position: %s", failure.toString());
            finished();
        });
    }

    private void finished() {
        running.set(false);
        if (wokenAgain.get()) {
            wake();
        }
    }

    private Uni<Void> drain() {
        return Uni.createFrom().deferred(() -> jobs.claim(lease)
                        .flatMap(job -> job.isEmpty() ? Uni.createFrom().item(false) : run(job.get()).replaceWith(true)))
                .repeat().whilst(claimed -> claimed).collect().last().replaceWithVoid();
    }

    private Uni<Void> run(Job job) {
        NewNotification notification = new NewNotification(job.eventId(), NotificationKind.NOTIFICATION_KIND_NEW_VIDEO,
                job.title(), job.body(), job.videoId(), "", job.channelId(), job.publishedAt());
        AtomicReference<String> position = new AtomicReference<>(job.pageToken());
        return Uni.createFrom().deferred(() -> subscribers.page(job.channelId(), position.get(), pageSize)
                        .flatMap(page -> jobs.pool().withTransaction(tx ->
                                jobs.advance(tx, job.eventId(), position.get(), page.nextPageToken(), lease)
                                        .flatMap(advanced -> {
                                            if (!advanced) {
                                                throw new LeaseLost(job.eventId());
                                            }
                                            return inbox.deliver(tx, notification, page.subscriberIds());
                                        }))
                                .invoke(() -> position.set(page.nextPageToken()))
                                .call(live::announce)))
                .repeat().whilst(rows -> !position.get().isEmpty()).collect().last()
                .onFailure(LeaseLost.class).recoverWithNull()
                .replaceWithVoid();
    }
}
