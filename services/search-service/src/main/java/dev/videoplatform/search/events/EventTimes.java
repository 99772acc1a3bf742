package dev.videoplatform.search.events;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.platform.events.PoisonEventException;
import java.time.Instant;

/**
 * What every consumer here reads off an event: its version (occurred-at), the video it is about,
 * times; the conversions of times serve the catalog's copies during a rebuild too.
 */
public final class EventTimes {

    private EventTimes() {
    }

    /** The event's version for the out-of-order guards: when the change happened at its producer. */
    static Instant occurredAt(EventEnvelope envelope) {
        if (!envelope.hasOccurredAt()) {
            throw new PoisonEventException("event " + envelope.getEventId() + " has no occurred_at", null);
        }
        return instant(envelope.getOccurredAt());
    }

    /** The payload's video id; an event about no video can never be applied. */
    static String videoId(String videoId, EventEnvelope envelope) {
        if (videoId.isEmpty()) {
            throw new PoisonEventException("event " + envelope.getEventId() + " (" + envelope.getEventType()
                    + ") names no video", null);
        }
        return videoId;
    }

    public static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    public static long millis(Duration d) {
        return d.getSeconds() * 1000 + d.getNanos() / 1_000_000;
    }
}
