package dev.videoplatform.notification.service;

import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.VideoPublished;
import dev.videoplatform.notification.client.UserDirectory;
import dev.videoplatform.notification.client.UserDirectory.Page;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fans new videos out to the channel's subscribers: for each open job, page by page from
 * user-service, one INSERT of inbox rows per page in the same transaction that saves the next
 * page's position, two pages in flight. A crash loses at most the pages in flight, which the next
 * holder of the job writes again without duplicates (unique per event and recipient). Each page's
 * emails and pushes are recorded with its rows. Jobs start as soon as their event is consumed;
 * the poll picks up jobs whose holder died.
 */
@ApplicationScoped
public class FanOut {

    /** The job moved on without us: another replica took it over after our lease ran out. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(String eventId) {
            super("fan-out of " + eventId + " was taken over by another worker", null, false, false);
        }
    }

    private final FanOutJobs jobs;
    private final Inbox inbox;
    private final UserDirectory subscribers;
    private final LiveNotifications live;
    private final DeliveryEvents deliveries;
    private final Duration lease;
    private final int pageSize;
    private final long readAbove;
    private final Drain drain;

    public FanOut(FanOutJobs jobs, Inbox inbox, UserDirectory subscribers, LiveNotifications live,
            DeliveryEvents deliveries, NotificationConfig config) {
        this.deliveries = deliveries;
        this.jobs = jobs;
        this.inbox = inbox;
        this.subscribers = subscribers;
        this.live = live;
        this.lease = config.fanout().lease();
        this.pageSize = config.fanout().pageSize();
        this.readAbove = config.fanout().readAbove();
        this.drain = new Drain(() -> jobs.claim(lease)
                .flatMap(job -> job.isEmpty() ? Uni.createFrom().item(false) : run(job.get()).replaceWith(true)),
                "fan-out stopped, the job resumes from its saved position");
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
        drain.wake();
    }

    /**
     * A job not started yet of a channel above {@code read-above} subscribers is only marked: its
     * subscribers get the video when they read their inbox ({@link FanOutOnRead}).
     */
    private Uni<Void> run(Job job) {
        Uni<Boolean> onRead = !job.pageToken().isEmpty() ? Uni.createFrom().item(false)
                : subscribers.subscriberCount(job.channelId()).flatMap(count -> count > readAbove
                        ? jobs.markOnRead(job.eventId()) : Uni.createFrom().item(false));
        return onRead.flatMap(marked -> marked ? Uni.createFrom().voidItem() : write(job));
    }

    /** The inbox row a job writes for each subscriber. */
    static NewNotification notificationOf(Job job) {
        return new NewNotification(job.eventId(), NotificationKind.NOTIFICATION_KIND_NEW_VIDEO, job.title(), job.body(),
                job.videoId(), "", job.channelId(), job.publishedAt());
    }

    /**
     * Page by page, two pages in flight: while one page's transaction runs, the next page is
     * already being written in its own, and the page after that is asked of user-service. Each
     * transaction writes its rows first and moves the job's position last, once the previous
     * page's transaction committed (and not at all if it failed), so the saved position never
     * passes a page that is not written: a crash rewrites at most two pages, without duplicates.
     */
    private Uni<Void> write(Job job) {
        NewNotification notification = notificationOf(job);
        AtomicReference<String> token = new AtomicReference<>(job.pageToken());
        AtomicReference<Uni<Page>> pageAt = new AtomicReference<>(ahead(job.channelId(), job.pageToken()));
        AtomicReference<Uni<Void>> inFlight = new AtomicReference<>(Uni.createFrom().voidItem());
        // Each turn starts the next page's transaction, then waits for the one before it.
        return Uni.createFrom().deferred(() -> pageAt.get().flatMap(page -> {
                    String next = page.nextPageToken();
                    Uni<Void> previous = inFlight.get();
                    inFlight.set(started(writePage(job, notification, token.get(), page, previous)));
                    token.set(next);
                    pageAt.set(next.isEmpty() ? null : ahead(job.channelId(), next));
                    return previous.replaceWith(Boolean.TRUE);
                }))
                .repeat().whilst(more -> !token.get().isEmpty()).collect().last()
                .flatMap(done -> inFlight.get())
                .onFailure(LeaseLost.class).recoverWithNull();
    }

    /** Writes {@code page}; moves the job past it once {@code previous} (the page before) committed. */
    private Uni<Void> writePage(Job job, NewNotification notification, String token, Page page, Uni<Void> previous) {
        return jobs.pool().withTransaction(tx -> inbox.deliver(tx, notification, page.subscriberIds())
                        .call(rows -> deliveries.record(tx, rows))
                        .call(rows -> previous)
                        .call(rows -> jobs.advance(tx, job.eventId(), token, page.nextPageToken(), lease)
                                .invoke(advanced -> {
                                    if (!advanced) {
                                        throw new LeaseLost(job.eventId());
                                    }
                                })))
                .call(live::announce)
                .replaceWithVoid();
    }

    /** The page at {@code token}, already being asked for; its answer (or failure) kept for whoever reads it. */
    private Uni<Page> ahead(String channelId, String token) {
        return started(subscribers.page(channelId, token, pageSize));
    }

    /** {@code work} started now; its outcome (or failure) kept for whoever reads it later. */
    private static <T> Uni<T> started(Uni<T> work) {
        Uni<T> kept = work.memoize().indefinitely();
        kept.subscribe().with(item -> { }, failure -> { });
        return kept;
    }
}
