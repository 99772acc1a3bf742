package dev.videoplatform.notification;

import static dev.videoplatform.devstack.GrpcStatusAssertions.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.notification.Platform.Member;
import dev.videoplatform.notification.v1.Notification;
import dev.videoplatform.notification.v1.StreamNotificationsResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** StreamNotifications: the unread count first, new notifications within a second, heartbeats, resume after an id. */
@QuarkusTest
class StreamTest extends ServiceChannel {

    @Test
    void aConnectedStreamGetsANewNotificationWithinASecondAndHeartbeatsMeanwhile() throws Exception {
        Member owner = Platform.register();
        try (StreamListener stream = listen(owner, "")) {
            StreamNotificationsResponse first = stream.next();
            assertFalse(first.hasNotification());
            assertFalse(first.getHeartbeat());
            assertEquals(0, first.getUnreadCount());

            String videoId = UUID.randomUUID().toString();
            Member commenter = Platform.register();
            // The first one warms the path up (consumer, pools, JIT); the second is measured.
            Platform.publish(videoId, InboxTest.comment(videoId, owner, commenter, null, "Warm-up"));
            assertEquals(1, stream.nextNotification(30).getUnreadCount());
            long sent = System.nanoTime();
            Platform.publish(videoId, InboxTest.comment(videoId, owner, commenter, null, "Live!"));
            StreamNotificationsResponse arrived = stream.nextNotification();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertTrue(millis <= 1000, "delivered " + millis + " ms after the event was published");
            assertEquals("Live!", arrived.getNotification().getBody());
            assertEquals(2, arrived.getUnreadCount());

            StreamNotificationsResponse beat = stream.next();
            assertTrue(beat.getHeartbeat(), "a heartbeat while nothing happens");
            assertEquals(2, beat.getUnreadCount());
        }
    }

    @Test
    void aReconnectingClientGetsWhatItMissedAfterTheLastIdItSaw() throws Exception {
        Member owner = Platform.register();
        String videoId = UUID.randomUUID().toString();
        for (String text : List.of("one", "two", "three")) {
            Platform.publish(videoId, InboxTest.comment(videoId, owner, Platform.register(), null, text));
            Thread.sleep(5);
        }
        List<Notification> inbox = Platform.inboxWhen(owner, service, list -> list.size() == 3);
        String seen = inbox.get(2).getNotificationId(); // the oldest, "one"
        try (StreamListener stream = listen(owner, seen)) {
            StreamNotificationsResponse first = stream.next();
            assertFalse(first.hasNotification(), first.toString());
            assertEquals(3, first.getUnreadCount());
            assertFalse(first.getMissedMore());
            assertEquals("two", stream.nextNotification().getNotification().getBody());
            assertEquals("three", stream.nextNotification().getNotification().getBody());
        }

        try (StreamListener stream = listen(owner, "not-a-notification")) {
            Throwable failure = stream.failure();
            StatusRuntimeException status = assertInstanceOf(StatusRuntimeException.class, failure);
            assertEquals(Status.Code.INVALID_ARGUMENT, status.getStatus().getCode());
            assertEquals(List.of("after_notification_id"), violatedFields(status));
        }
    }

    private StreamListener listen(Member member, String after) {
        return StreamListener.open(member.notificationsAsync(service), after);
    }
}
