package dev.videoplatform.search;

import static dev.videoplatform.search.SearchClient.ids;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.events.v1.AdminUserReinstated;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.EventVideoStatus;
import dev.videoplatform.events.v1.EventVisibility;
import dev.videoplatform.events.v1.VideoPublished;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.search.Catalog.Video;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The read model follows the catalog's, admin's and analytics' events: what is published becomes
 * searchable at once, and nothing deleted, banned, private, unlisted or of a suspended user is
 * ever returned, even when
 * events are redelivered, replayed or arrive out of order.
 */
@QuarkusTest
class ReadModelTest extends ClientTest {

    @Test
    void aPublishedVideoIsSearchableWithinTwoSecondsOfItsEvent() {
        String word = Catalog.word();
        Video video = Video.of("Guitar lesson " + word, "Chords for beginners", "music");
        Catalog.published(video);
        long sent = System.nanoTime();
        client.awaitSearch(word, r -> ids(r).contains(video.id()), 2_000);
        long millis = (System.nanoTime() - sent) / 1_000_000;
        assertTrue(millis <= 2_000, "searchable after " + millis + " ms");
    }

    @Test
    void anUpdateReindexesAndPrivateOrNotReadyRemoves() {
        String before = Catalog.word();
        String after = Catalog.word();
        Instant t0 = Instant.now().minusSeconds(60);
        Video video = Video.of("Old title " + before, "nothing else");
        EventEnvelope publishedEvent = Catalog.published(video, t0);
        client.awaitSearch(before, r -> ids(r).contains(video.id()), 10_000);

        Video renamed = video.withTitle("New title " + after);
        EventEnvelope publicUpdate = Catalog.updated(renamed, EventVideoStatus.EVENT_VIDEO_STATUS_READY, t0.plusSeconds(1));
        client.awaitSearch(after, r -> ids(r).contains(video.id()), 10_000);
        client.awaitSearch(before, r -> !ids(r).contains(video.id()), 10_000);

        Catalog.updated(renamed.withVisibility(EventVisibility.EVENT_VISIBILITY_PRIVATE),
                EventVideoStatus.EVENT_VIDEO_STATUS_READY, t0.plusSeconds(2));
        client.awaitSearch(after, r -> !ids(r).contains(video.id()), 10_000);

        // Redelivered and reordered older events must not make it public again.
        Catalog.resend(publicUpdate);
        Catalog.resend(publishedEvent);
        Catalog.updated(renamed, EventVideoStatus.EVENT_VIDEO_STATUS_READY, t0.plusMillis(1500));
        awaitProcessedBehind(video.id());
        assertFalse(ids(client.search(after)).contains(video.id()), "an older event made a private video public");

        // A newer one does; then a status other than READY (e.g. BANNED by upload) removes it again.
        Catalog.updated(renamed, EventVideoStatus.EVENT_VIDEO_STATUS_READY, t0.plusSeconds(3));
        client.awaitSearch(after, r -> ids(r).contains(video.id()), 10_000);
        Catalog.updated(renamed, EventVideoStatus.EVENT_VIDEO_STATUS_BANNED, t0.plusSeconds(4));
        client.awaitSearch(after, r -> !ids(r).contains(video.id()), 10_000);
    }

    @Test
    void aDeletedVideoNeverComesBack() {
        String word = Catalog.word();
        Instant t0 = Instant.now().minusSeconds(60);
        Video video = Video.of("Deleted soon " + word, "bye");
        EventEnvelope publishedEvent = Catalog.published(video, t0);
        client.awaitSearch(word, r -> ids(r).contains(video.id()), 10_000);

        Catalog.deleted(video, t0.plusSeconds(2));
        client.awaitSearch(word, r -> !ids(r).contains(video.id()), 10_000);

        // A replay, an older event and even a later update (reordered behind the deletion).
        Catalog.resend(publishedEvent);
        Catalog.published(video, t0.plusSeconds(1));
        Catalog.updated(video, EventVideoStatus.EVENT_VIDEO_STATUS_READY, t0.plusSeconds(3));
        awaitProcessedBehind(video.id());
        assertFalse(ids(client.search(word)).contains(video.id()), "a deleted video was returned");
    }

    @Test
    void aBanHoldsAgainstAnOlderUnbanAndALaterUnbanLiftsIt() {
        String word = Catalog.word();
        Instant t0 = Instant.now().minusSeconds(60);
        Video video = Video.of("Contested " + word, "opinions");
        Catalog.published(video, t0);
        client.awaitSearch(word, r -> ids(r).contains(video.id()), 10_000);

        Catalog.banned(video, t0.plusSeconds(2));
        client.awaitSearch(word, r -> !ids(r).contains(video.id()), 10_000);

        Catalog.unbanned(video, t0.plusSeconds(1));
        Catalog.published(video, t0.plusSeconds(3));
        awaitProcessedBehind(video.id());
        assertFalse(ids(client.search(word)).contains(video.id()), "an older un-ban lifted a later ban");

        Catalog.unbanned(video, t0.plusSeconds(4));
        client.awaitSearch(word, r -> ids(r).contains(video.id()), 10_000);
    }

    @Test
    void aBanArrivingBeforeThePublicationStillHolds() {
        String word = Catalog.word();
        Instant t0 = Instant.now().minusSeconds(60);
        Video video = Video.of("Banned early " + word, "raced");
        Catalog.banned(video, t0.plusSeconds(2));
        Catalog.published(video, t0);
        awaitProcessedBehind(video.id());
        assertFalse(ids(client.search(word)).contains(video.id()), "a banned video was returned");
    }

    @Test
    void aSuspendedUsersVideosLeaveUntilReinstatedAlsoThoseIndexedMeanwhile() {
        String word = Catalog.word();
        Instant t0 = Instant.now().minusSeconds(60);
        Video first = Video.of("Suspended channel " + word, "first");
        Catalog.published(first, t0);
        client.awaitSearch(word, r -> ids(r).contains(first.id()), 10_000);

        Catalog.suspended(first.channelId(), t0.plusSeconds(2));
        client.awaitSearch(word, r -> !ids(r).contains(first.id()), 10_000);
        // Published while suspended, and an older reinstatement replayed late: both stay hidden.
        Video second = Video.of("Suspended channel second " + word, "second").withChannel(first.channelId());
        Catalog.published(second, t0.plusSeconds(3));
        Catalog.reinstated(first.channelId(), t0.plusSeconds(1));
        awaitProcessedBehind(second.id());
        awaitReinstatementsProcessedBehind(first.channelId());
        assertFalse(ids(client.search(word)).stream().anyMatch(id -> id.equals(first.id()) || id.equals(second.id())),
                "a suspended user's video was returned");

        Catalog.reinstated(first.channelId(), t0.plusSeconds(4));
        client.awaitSearch(word, r -> ids(r).containsAll(List.of(first.id(), second.id())), 10_000);
    }

    @Test
    void unlistedVideosAreNeverReturned() {
        String word = Catalog.word();
        Video video = Video.of("Unlisted " + word, "link only").withVisibility(EventVisibility.EVENT_VISIBILITY_UNLISTED);
        Catalog.published(video);
        awaitProcessedBehind(video.id());
        assertFalse(ids(client.search(word)).contains(video.id()), "an unlisted video was returned");
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        EventEnvelope poison = Catalog.send("no-video", VideoPublished.newBuilder().setTitle("no id").build(),
                "upload-service", Instant.now());
        String word = Catalog.word();
        Video video = Video.of("After the poison " + word, "still indexed");
        Catalog.send("no-video", VideoPublished.newBuilder().setVideoId(video.id()).setChannelId(video.channelId())
                .setTitle(video.title()).setVisibility(EventVisibility.EVENT_VISIBILITY_PUBLIC).build(),
                "upload-service", Instant.now());
        client.awaitSearch(word, r -> ids(r).contains(video.id()), 10_000);
        List<byte[]> dead = Catalog.topics().collect("video.published.dlq",
                bytes -> EventEnvelopes.parse(bytes).getEventId().equals(poison.getEventId()),
                Duration.ofMillis(200), Duration.ofSeconds(10));
        assertTrue(!dead.isEmpty(), "the poison event is on video.published.dlq");
    }

    /**
     * Waits until every admin.user.reinstated sent so far with Kafka key {@code key} has been
     * consumed: a probe channel's reinstatement sent with the same key lands behind them.
     */
    private void awaitReinstatementsProcessedBehind(String key) {
        String word = Catalog.word();
        Video probe = Video.of("Probe " + word, "probe");
        Instant now = Instant.now();
        Catalog.published(probe, now);
        Catalog.suspended(probe.channelId(), now.plusMillis(1));
        client.awaitSearch(word, r -> !ids(r).contains(probe.id()), 10_000);
        Catalog.send(key, AdminUserReinstated.newBuilder().setUserId(probe.channelId()).build(), "admin-service",
                now.plusMillis(2));
        client.awaitSearch(word, r -> ids(r).contains(probe.id()), 10_000);
    }

    /**
     * Waits until every event sent so far with Kafka key {@code key} has been consumed, on each
     * topic the tests use: a probe video's events sent with the same key land on the same
     * partitions behind them, so once the probes show, the events before them were applied.
     */
    private void awaitProcessedBehind(String key) {
        String word = Catalog.word();
        Video probe = Video.of("Probe " + word, "probe");
        Instant now = Instant.now();
        Catalog.send(key, VideoPublished.newBuilder().setVideoId(probe.id()).setChannelId(probe.channelId())
                .setTitle(probe.title()).setVisibility(EventVisibility.EVENT_VISIBILITY_PUBLIC).build(),
                "upload-service", now);
        client.awaitSearch(word, r -> ids(r).contains(probe.id()), 10_000);
        Catalog.send(key, dev.videoplatform.events.v1.AdminVideoBanned.newBuilder().setVideoId(probe.id()).build(),
                "admin-service", now.plusMillis(1));
        client.awaitSearch(word, r -> !ids(r).contains(probe.id()), 10_000);
        Catalog.send(key, dev.videoplatform.events.v1.AdminVideoUnbanned.newBuilder().setVideoId(probe.id()).build(),
                "admin-service", now.plusMillis(2));
        client.awaitSearch(word, r -> ids(r).contains(probe.id()), 10_000);
        Catalog.send(key, dev.videoplatform.events.v1.VideoUpdated.newBuilder().setVideoId(probe.id())
                .setChannelId(probe.channelId()).setTitle(probe.title())
                .setVisibility(EventVisibility.EVENT_VISIBILITY_PRIVATE)
                .setStatus(EventVideoStatus.EVENT_VIDEO_STATUS_READY).build(), "upload-service", now.plusMillis(3));
        client.awaitSearch(word, r -> !ids(r).contains(probe.id()), 10_000);
    }
}
