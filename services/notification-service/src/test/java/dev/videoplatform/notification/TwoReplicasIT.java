package dev.videoplatform.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackExtension;
import dev.videoplatform.devstack.PlatformProcesses;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.notification.Platform.Member;
import dev.videoplatform.notification.v1.StreamNotificationsResponse;
import dev.videoplatform.platform.events.EventEnvelopes;
import io.grpc.ManagedChannel;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two replicas from the packaged jar: a stream connected to replica B gets, within a second, a
 * notification that replica A's consumer wrote. B reads comment events from a topic nobody
 * writes to, so the row can only be A's and reaches B over the Redis change feed.
 */
@ExtendWith(DevstackExtension.class)
class TwoReplicasIT {

    @Test
    void aStreamOnOneReplicaGetsWhatTheOtherWroteWithinASecond(Devstack devstack) throws Exception {
        try (ServiceProcess users = PlatformProcesses.userService();
             ServiceProcess a = NotificationProcesses.start("a", users.port(), Map.of());
             ServiceProcess b = NotificationProcesses.start("b", users.port(),
                     Map.of("mp.messaging.incoming.comment-created.topic", "comment.created.not-for-replica-b"))) {
            Member owner = Platform.register(users);
            Member commenter = Platform.register(users);
            TopicProbe kafka = new TopicProbe(devstack.settings().kafkaBootstrapServers());
            ManagedChannel channelB = Platform.channel(b.port());
            try (StreamListener stream = StreamListener.open(owner.notificationsAsync(channelB), "")) {
                StreamNotificationsResponse first = stream.next(30);
                assertFalse(first.hasNotification());
                assertEquals(0, first.getUnreadCount());

                // Ready (/q/health/ready) is not yet subscribed to the change feed, nor are A's
                // consumers assigned their partitions: a first round trip, untimed, proves both.
                String videoId = UUID.randomUUID().toString();
                publish(kafka, videoId, InboxTest.comment(videoId, owner, commenter, null, "Warm-up"));
                assertEquals("Warm-up", stream.nextNotification(60).getNotification().getBody());

                long sent = System.nanoTime();
                publish(kafka, videoId, InboxTest.comment(videoId, owner, commenter, null, "Across replicas"));
                StreamNotificationsResponse arrived = stream.nextNotification();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
                assertEquals("Across replicas", arrived.getNotification().getBody());
                assertEquals(2, arrived.getUnreadCount());
                assertTrue(millis <= 1000, "delivered on replica B " + millis + " ms after the event was published");
            } finally {
                channelB.shutdownNow();
            }
        }
    }

    private static void publish(TopicProbe kafka, String videoId, com.google.protobuf.Message comment) {
        EventEnvelope envelope = EventEnvelopes.wrap("test", videoId, comment);
        kafka.publish(envelope.getEventType(), envelope.getAggregateKey(), envelope.toByteArray());
    }
}
