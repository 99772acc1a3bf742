package dev.videoplatform.analytics.streams;

import java.nio.ByteBuffer;

/**
 * What the aggregation knows of a video from the catalog's and moderation's events: whether it
 * exists yet (views of unknown videos are held), and whether it may trend. {@code version}
 * counts the changes, so PostgreSQL keeps the newest state whatever order the writes land in.
 */
record VideoState(boolean known, int visibility, boolean banned, boolean deleted, long version) {

    static final int PUBLIC = 1;
    static final VideoState UNKNOWN = new VideoState(false, 0, false, false, 0);

    /** May appear in trending: known, PUBLIC, not banned, not deleted. */
    boolean listed() {
        return known && visibility == PUBLIC && !banned && !deleted;
    }

    VideoState withVisibility(int newVisibility) {
        return new VideoState(true, newVisibility, banned, deleted, version + 1);
    }

    VideoState withBanned(boolean newBanned) {
        return new VideoState(known, visibility, newBanned, deleted, version + 1);
    }

    VideoState asDeleted() {
        return new VideoState(true, visibility, banned, true, version + 1);
    }

    byte[] encode() {
        return ByteBuffer.allocate(15).put((byte) (known ? 1 : 0)).putInt(visibility).put((byte) (banned ? 1 : 0))
                .put((byte) (deleted ? 1 : 0)).putLong(version).array();
    }

    static VideoState decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        return new VideoState(in.get() == 1, in.getInt(), in.get() == 1, in.get() == 1, in.getLong());
    }
}
