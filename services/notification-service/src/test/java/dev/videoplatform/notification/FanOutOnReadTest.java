package dev.videoplatform.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import dev.videoplatform.devstack.UserServiceResource;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.notification.Platform.Member;
import dev.videoplatform.notification.v1.Delivery;
import dev.videoplatform.notification.v1.ListNotificationsRequest;
import dev.videoplatform.notification.v1.ListNotificationsResponse;
import dev.videoplatform.notification.v1.MarkReadRequest;
import dev.videoplatform.notification.v1.MarkReadResponse;
import dev.videoplatform.notification.v1.Notification;
import dev.videoplatform.notification.v1.Preferences;
import dev.videoplatform.notification.v1.UpdatePreferencesRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A channel above {@code fanout.read-above} (10 in tests) is fanned out on read: publishing
 * writes no inbox rows, and each subscriber's inbox shows the video when read, exactly as a
 * fan-out on write shows a small channel's video: same fields, unread counts, MarkRead,
 * preferences and mutes, once however often it is read; and a read with no new such video since
 * the last asks user-service nothing.
 */
@QuarkusTest
class FanOutOnReadTest extends ServiceChannel {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    Pool pool;

    @Test
    void aLargeChannelsVideoReachesEachSubscriberOnReadAsAFanOutOnWriteWould() throws Exception {
        Member big = Platform.register();
        List<Member> fans = Platform.subscribers(big, 11);
        Member small = Platform.register();
        Member reader = fans.get(0);
        Platform.subscribe(reader, small);
        preferences(fans.get(1), Preferences.newBuilder().setNewVideo(Delivery.DELIVERY_OFF), "new_video");
        preferences(fans.get(2), Preferences.newBuilder().addMutedChannelIds(big.userId()), "muted_channel_ids");

        String smallVideo = UUID.randomUUID().toString();
        String bigVideo = UUID.randomUUID().toString();
        EventEnvelope onWrite = Platform.publish(smallVideo, FanOutTest.video(smallVideo, small));
        EventEnvelope onRead = Platform.publish(bigVideo, FanOutTest.video(bigVideo, big));
        Platform.awaitFanOut(pool, onWrite.getEventId());
        Platform.awaitFanOut(pool, onRead.getEventId());
        Member late = Platform.register();
        Platform.subscribe(late, big);
        assertTrue(onReadJob(onRead.getEventId()), "the large channel's job is marked on read");
        assertFalse(onReadJob(onWrite.getEventId()), "the small channel's is written");
        assertEquals(0, rows(onRead.getEventId()), "publishing wrote no inbox rows");

        // A stream's first message counts the video before anything was listed.
        try (StreamListener stream = StreamListener.open(fans.get(10).notificationsAsync(service), "")) {
            assertEquals(1, stream.next().getUnreadCount());
        }

        ListNotificationsResponse inbox = list(reader);
        assertEquals(2, inbox.getNotificationsCount());
        assertEquals(2, inbox.getUnreadCount());
        Notification fromBig = only(inbox, bigVideo);
        Notification fromSmall = only(inbox, smallVideo);
        assertEquals(fromSmall.toBuilder().clearNotificationId().clearCreateTime().setTarget(fromSmall.getTarget().toBuilder()
                        .setVideoId(bigVideo).setUserId(big.userId())).build(),
                fromBig.toBuilder().clearNotificationId().clearCreateTime().build(),
                "the same notification as a fan-out on write, but for the other channel and video");
        assertEquals(onRead.getOccurredAt().toBuilder().setNanos(onRead.getOccurredAt().getNanos() / 1000 * 1000).build(),
                fromBig.getCreateTime(), "dated when the video came out (the database keeps microseconds)");

        MarkReadResponse marked = reader.notifications(service).markRead(MarkReadRequest.newBuilder()
                .addNotificationIds(fromBig.getNotificationId()).build());
        assertEquals(1, marked.getUpdatedCount());
        assertEquals(1, marked.getUnreadCount());
        ListNotificationsResponse again = list(reader);
        assertEquals(2, again.getNotificationsCount(), "read again: still once");
        assertTrue(only(again, bigVideo).getRead());
        assertEquals(1, again.getUnreadCount());
        assertEquals(0, reader.notifications(service).markRead(MarkReadRequest.newBuilder().setAll(true).build())
                .getUnreadCount());

        for (Member fan : fans.subList(3, 10)) {
            ListNotificationsResponse theirs = list(fan);
            assertEquals(1, theirs.getNotificationsCount(), "every subscriber once");
            assertEquals(1, theirs.getUnreadCount());
        }
        assertEquals(0, list(fans.get(1)).getNotificationsCount(), "new videos off");
        assertEquals(0, list(fans.get(2)).getNotificationsCount(), "channel muted");
        assertEquals(0, list(late).getNotificationsCount(), "subscribed after the video came out");
        assertTrue(FanOutTest.about(list(big).getNotificationsList(), bigVideo).isEmpty(), "not the uploader");
        assertEquals(0, list(Platform.register()).getNotificationsCount(), "not a subscriber");
        assertEquals(9, rows(onRead.getEventId()), "rows only for the subscribers who read (and wanted it)");
    }

    @Test
    void aReadWithNothingNewSinceTheLastAsksUserServiceNothing() throws Exception {
        Member big = Platform.register();
        Member reader = Platform.subscribers(big, 11).get(0);
        String firstVideo = UUID.randomUUID().toString();
        Platform.awaitFanOut(pool, Platform.publish(firstVideo, FanOutTest.video(firstVideo, big)).getEventId());

        long before = subscriptionLookups();
        assertEquals(1, FanOutTest.about(list(reader).getNotificationsList(), firstVideo).size());
        assertEquals(before + 1, subscriptionLookups(), "the first read asks which channels the reader follows");
        assertEquals(1, FanOutTest.about(list(reader).getNotificationsList(), firstVideo).size(), "read again: still once");
        reader.notifications(service).markRead(MarkReadRequest.newBuilder().setAll(true).build());
        try (StreamListener stream = StreamListener.open(reader.notificationsAsync(service), "")) {
            assertEquals(0, stream.next().getUnreadCount());
        }
        assertEquals(before + 1, subscriptionLookups(), "reads, MarkRead and streams with nothing new ask nothing");

        String secondVideo = UUID.randomUUID().toString();
        Platform.awaitFanOut(pool, Platform.publish(secondVideo, FanOutTest.video(secondVideo, big)).getEventId());
        ListNotificationsResponse inbox = list(reader);
        assertEquals(1, FanOutTest.about(inbox.getNotificationsList(), secondVideo).size(), "a new video is merged");
        assertEquals(1, inbox.getUnreadCount());
        assertEquals(before + 2, subscriptionLookups(), "once for the new video");
    }

    /**
     * ListSubscribedChannels calls the real user-service has answered, from its metrics (recorded
     * before the answer goes out, so a caller that got its answer is counted).
     */
    private static long subscriptionLookups() throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + UserServiceResource.users().port() + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines()
                .filter(line -> line.startsWith("grpc_server_processing_duration_seconds_count{")
                        && line.contains("method=\"ListSubscribedChannels\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private ListNotificationsResponse list(Member member) {
        return member.notifications(service).listNotifications(ListNotificationsRequest.newBuilder().setPageSize(100).build());
    }

    private void preferences(Member member, Preferences.Builder change, String path) {
        member.notifications(service).updatePreferences(UpdatePreferencesRequest.newBuilder().setPreferences(change)
                .setUpdateMask(FieldMask.newBuilder().addPaths(path)).build());
    }

    private static Notification only(ListNotificationsResponse inbox, String videoId) {
        List<Notification> found = FanOutTest.about(inbox.getNotificationsList(), videoId);
        assertEquals(1, found.size(), "one notification about " + videoId);
        return found.get(0);
    }

    private boolean onReadJob(String eventId) {
        return pool.preparedQuery("SELECT on_read FROM fanout_job WHERE event_id = $1").execute(Tuple.of(eventId))
                .await().indefinitely().iterator().next().getBoolean(0);
    }

    private long rows(String eventId) {
        return pool.preparedQuery("SELECT count(*) FROM notification WHERE source_key = $1").execute(Tuple.of(eventId))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
