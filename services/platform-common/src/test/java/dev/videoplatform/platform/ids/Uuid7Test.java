package dev.videoplatform.platform.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class Uuid7Test {

    @Test
    void idsAreVersion7WithTheirCreationTimeAndNeverRepeat() {
        long before = System.currentTimeMillis();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            UUID id = UUID.fromString(Uuid7.next());
            assertEquals(7, id.version());
            assertEquals(2, id.variant(), "RFC 9562 variant");
            long millis = id.getMostSignificantBits() >>> 16;
            assertTrue(millis >= before && millis <= System.currentTimeMillis(), "the first 48 bits are the creation time");
            assertTrue(seen.add(id.toString()), "a repeated id");
        }
    }

    @Test
    void idsMadeInLaterMillisecondsSortAfter() throws InterruptedException {
        String earlier = Uuid7.next();
        Thread.sleep(2);
        String later = Uuid7.next();
        assertTrue(earlier.compareTo(later) < 0, earlier + " sorts before " + later);
    }
}
