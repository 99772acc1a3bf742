package dev.videoplatform.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.UserUpdated;
import dev.videoplatform.events.v1.VideoDeleted;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Decoding a record into the payload type a consumer expects; everything else is poison. */
class EventEnvelopesTest {

    @Test
    void theExpectedPayloadTypeIsDecoded() {
        EventEnvelope envelope = EventEnvelopes.wrap("test", "u1", UserUpdated.newBuilder().setUserId("u1").build());

        UserUpdated payload = EventEnvelopes.payload(EventEnvelopes.parse(envelope.toByteArray()), UserUpdated.class);

        assertEquals("u1", payload.getUserId());
    }

    @Test
    void anotherPayloadTypeIsPoisonNamingTheEventAndBothTypes() {
        EventEnvelope envelope = EventEnvelopes.wrap("test", "v1", VideoDeleted.newBuilder().setVideoId("v1").build());

        PoisonEventException poison = assertThrows(PoisonEventException.class,
                () -> EventEnvelopes.payload(envelope, UserUpdated.class));

        assertEquals("event " + envelope.getEventId() + " (video.deleted) carries VideoDeleted, expected UserUpdated",
                poison.getMessage());
    }

    @Test
    void anEnvelopeWithoutPayloadIsPoison() {
        EventEnvelope empty = EventEnvelope.newBuilder().setEventId("e1").setEventType("user.updated").build();

        PoisonEventException poison = assertThrows(PoisonEventException.class,
                () -> EventEnvelopes.payload(empty, UserUpdated.class));

        assertEquals("event e1 (user.updated) has no payload, expected UserUpdated", poison.getMessage());
        assertThrows(PoisonEventException.class, () -> EventEnvelopes.parse(empty.toByteArray()));
    }

    @Test
    void unreadableBytesArePoison() {
        PoisonEventException poison = assertThrows(PoisonEventException.class,
                () -> EventEnvelopes.parse("not protobuf".getBytes(StandardCharsets.UTF_8)));

        assertTrue(poison.getMessage().startsWith("not an event envelope"), poison.getMessage());
    }
}
