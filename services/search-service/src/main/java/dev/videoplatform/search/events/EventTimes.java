package dev.videoplatform.search.events;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Protobuf times as Java's, for the events and for the catalog's copies during a rebuild. */
public final class EventTimes {

    private EventTimes() {
    }

    public static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    public static long millis(Duration d) {
        return d.getSeconds() * 1000 + d.getNanos() / 1_000_000;
    }
}
