package dev.videoplatform.notification.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.events.v1.EventPushDevice;
import dev.videoplatform.events.v1.EventPushPlatform;
import dev.videoplatform.events.v1.NotificationPush;
import dev.videoplatform.events.v1.PushRecipient;
import dev.videoplatform.notification.repository.InboxRow;
import dev.videoplatform.notification.v1.NotificationKind;
import dev.videoplatform.platform.outbox.OutboxWriter.Pending;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Push events of a fan-out page: as few as the contract's bounds allow, every recipient once, in order. */
class PushEventsTest {

    private static final InboxRow ROW = new InboxRow("n-0", "u-0", NotificationKind.NOTIFICATION_KIND_NEW_VIDEO,
            "New: a title", "a body", "video-1", "", "channel-1", Instant.parse("2026-12-07T12:00:00Z"), false);

    @Test
    void aPageOfRecipientsIsSplitIntoEventsOfAtMostAHundred() {
        List<PushRecipient> recipients = recipients(250, 1, 160);
        List<Pending> events = DeliveryEvents.push(DeliveryEvents.told(ROW), recipients);
        assertEquals(List.of(100, 100, 50), events.stream().map(e -> push(e).getRecipientsCount()).toList());
        assertEquals(recipients, events.stream().flatMap(e -> push(e).getRecipientsList().stream()).toList(),
                "every recipient once, in order");
        for (Pending event : events) {
            NotificationPush push = push(event);
            assertEquals(push.getRecipients(0).getUserId(), event.aggregateKey(), "keyed by its first recipient");
            assertEquals("New: a title", push.getTitle());
            assertEquals("video-1", push.getVideoId());
        }
    }

    @Test
    void recipientsWithTheLargestDevicesStayWellInsideAKafkaRecord() {
        // Ten tokens of the largest size registration accepts, for every recipient.
        List<PushRecipient> recipients = recipients(100, 10, 2048);
        List<Pending> events = DeliveryEvents.push(DeliveryEvents.told(ROW), recipients);
        assertTrue(events.size() > 1, "split by size: " + events.size());
        assertEquals(100, events.stream().mapToInt(e -> push(e).getRecipientsCount()).sum());
        for (Pending event : events) {
            assertTrue(push(event).getSerializedSize() <= DeliveryEvents.PUSH_BYTES + 1024,
                    "at most ~512 KiB: " + push(event).getSerializedSize());
        }
    }

    private static NotificationPush push(Pending event) {
        return (NotificationPush) event.payload();
    }

    private static List<PushRecipient> recipients(int count, int devices, int tokenLength) {
        List<PushRecipient> recipients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PushRecipient.Builder recipient = PushRecipient.newBuilder().setNotificationId("n-" + i).setUserId("u-" + i);
            for (int d = 0; d < devices; d++) {
                String token = (i + "-" + d + "-").repeat(tokenLength).substring(0, tokenLength);
                recipient.addDevices(EventPushDevice.newBuilder().setPlatform(EventPushPlatform.EVENT_PUSH_PLATFORM_FCM)
                        .setToken(token));
            }
            recipients.add(recipient.build());
        }
        return recipients;
    }
}
