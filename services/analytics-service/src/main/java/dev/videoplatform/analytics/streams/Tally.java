package dev.videoplatform.analytics.streams;

import java.nio.ByteBuffer;

/**
 * Counted views and watch time of a video, overall or in one hour. {@code version} counts the
 * reports applied: replaying the same input yields the same version with the same values, which
 * is what makes the PostgreSQL upsert ("newer version wins") idempotent.
 */
record Tally(long views, long watchMillis, long version) {

    static final Tally ZERO = new Tally(0, 0, 0);

    Tally add(boolean newView, long watched) {
        return new Tally(views + (newView ? 1 : 0), watchMillis + watched, version + 1);
    }

    byte[] encode() {
        return ByteBuffer.allocate(24).putLong(views).putLong(watchMillis).putLong(version).array();
    }

    static Tally decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        return new Tally(in.getLong(), in.getLong(), in.getLong());
    }
}
