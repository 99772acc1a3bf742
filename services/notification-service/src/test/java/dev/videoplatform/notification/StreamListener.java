package dev.videoplatform.notification;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.notification.v1.NotificationServiceGrpc;
import dev.videoplatform.notification.v1.StreamNotificationsRequest;
import dev.videoplatform.notification.v1.StreamNotificationsResponse;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The messages of one StreamNotifications call as they arrive; closing cancels the call. */
final class StreamListener implements StreamObserver<StreamNotificationsResponse>, AutoCloseable {

    private final Context.CancellableContext context = Context.current().withCancellation();
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

    /** Starts the call on {@code stub}, resuming after {@code after} unless empty. */
    static StreamListener open(NotificationServiceGrpc.NotificationServiceStub stub, String after) {
        StreamListener listener = new StreamListener();
        listener.context.run(() -> stub.streamNotifications(
                StreamNotificationsRequest.newBuilder().setAfterNotificationId(after).build(), listener));
        return listener;
    }

    StreamNotificationsResponse next() throws InterruptedException {
        return next(10);
    }

    /** The next message, waiting at most {@code seconds}. */
    StreamNotificationsResponse next(int seconds) throws InterruptedException {
        Object item = received.poll(seconds, TimeUnit.SECONDS);
        assertNotNull(item, "nothing on the stream within " + seconds + " s");
        if (item instanceof Throwable failure) {
            throw new AssertionError("the stream failed", failure);
        }
        return (StreamNotificationsResponse) item;
    }

    StreamNotificationsResponse nextNotification() throws InterruptedException {
        return nextNotification(10);
    }

    /** The next message that is not a heartbeat, each message waited for at most {@code seconds}. */
    StreamNotificationsResponse nextNotification(int seconds) throws InterruptedException {
        StreamNotificationsResponse message;
        do {
            message = next(seconds);
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
