package dev.videoplatform.notification;

import static dev.videoplatform.devstack.GrpcStatusAssertions.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.notification.Platform.Member;
import dev.videoplatform.notification.v1.Notification;
import dev.videoplatform.notification.v1.StreamNotificationsRequest;
import dev.videoplatform.notification.v1.StreamNotificationsResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** StreamNotifications: the unread count first, new notifications within a second, heartbeats, resume after an id. */
@QuarkusTest
class StreamTest extends ServiceChannel {

    @Test
    void aConnectedStreamGetsANewNotificationWithinASecondAndHeartbeatsMeanwhile() throws Exception {
        Member owner = Platform.register();
        try (Listening stream = listen(owner, "")) {
            StreamNotificationsResponse first = stream.next();
            assertFalse(first.hasNotification());
            assertFalse(first.getHeartbeat());
            assertEquals(0, first.getUnreadCount());

            String videoId = UUID.randomUUID().toString();
            long sent = System.nanoTime();
            Platform.publish(videoId, InboxTest.comment(videoId, owner, Platform.register(), null, "Live!"));
            StreamNotificationsResponse arrived = stream.nextNotification();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertTrue(millis <= 1000, "delivered " + millis + " ms after the event was published");
            assertEquals("Live!", arrived.getNotification().getBody());
            assertEquals(1, arrived.getUnreadCount());

            StreamNotificationsResponse beat = stream.next();
            assertTrue(beat.getHeartbeat(), "a heartbeat while nothing happens");
            assertEquals(1, beat.getUnreadCount());
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
        try (Listening stream = listen(owner, seen)) {
            StreamNotificationsResponse first = stream.next();
            assertEquals(3, first.getUnreadCount());
            assertFalse(first.getMissedMore());
            assertEquals("two", stream.nextNotification().getNotification().getBody());
            assertEquals("three", stream.nextNotification().getNotification().getBody());
        }

        try (Listening stream = listen(owner, "not-a-notification")) {
            Throwable failure = stream.failure();
            StatusRuntimeException status = assertInstanceOf(StatusRuntimeException.class, failure);
            assertEquals(Status.Code.INVALID_ARGUMENT, status.getStatus().getCode());
            assertEquals(List.of("after_notification_id"), violatedFields(status));
        }
    }

    private Listening listen(Member member, String after) {
        Listening listening = new Listening();
        listening.context.run(() -> member.notificationsAsync(service)
                .streamNotifications(StreamNotificationsRequest.newBuilder().setAfterNotificationId(after).build(), listening));
        return listening;
    }

    /** The messages of one stream as they arrive; closing cancels the call. */
    private static final class Listening implements StreamObserver<StreamNotificationsResponse>, AutoCloseable {

        final Context.CancellableContext context = Context.current().withCancellation();
        private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

        StreamNotificationsResponse next() throws InterruptedException {
            Object item = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(item, "nothing on the stream within 10 s");
            if (item instanceof Throwable failure) {
                throw new AssertionError("the stream failed", failure);
            }
            return (StreamNotificationsResponse) item;
        }

        StreamNotificationsResponse nextNotification() throws InterruptedException {
            StreamNotificationsResponse message;
            do {
                message = next();
            } while (message.getHeartbeat());
            assertTrue(message.hasNotification(), message.toString());
            return message;
        }

        Throwable failure() throws InterruptedException {
            Object item = received.poll(10, TimeUnit.SECONDS);
            assertInstanceOf(Throwable.class, item, "the stream should have failed");
            return (Throwable) item;
        }

        @Override
        public void onNext(StreamNotificationsResponse value) {
            received.add(value);
        }

        @Override
        public void onError(Throwable t) {
            received.add(t);
        }

        @Override
        public void onCompleted() {
            received.add(new AssertionError("the stream ended"));
        }

        @Override
        public void close() {
            context.cancel(null);
        }
    }
}
