package dev.videoplatform.platform.ids;

import java.util.UUID;

/**
 * Time-ordered opaque ids (RFC 9562 UUIDv7): index-friendly, sortable by creation time, and
 * unguessable (unlisted videos rely on it). The random bits come from {@link UUID#randomUUID()}:
 * the JDK's own SecureRandom, seeded at run time also in a native image, where a static generator
 * of ours would be created, and seeded, once at build time.
 */
public final class Uuid7 {

    private Uuid7() {
    }

    public static String next() {
        long millis = System.currentTimeMillis();
        UUID random = UUID.randomUUID();
        long msb = (millis << 16) | (0x7L << 12) | (random.getMostSignificantBits() & 0xFFFL);
        // Version 4's variant bits are already RFC 9562's (10xx), and 62 random bits follow them.
        return new UUID(msb, random.getLeastSignificantBits()).toString();
    }
}
