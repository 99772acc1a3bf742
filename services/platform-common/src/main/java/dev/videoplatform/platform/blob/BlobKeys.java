package dev.videoplatform.platform.blob;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place the blob key layout is spelled out: {@code raw/<videoId>} for an upload's bytes,
 * {@code hls/<videoId>/} for its published ladder ({@code master.m3u8}, {@code <rung>/index.m3u8},
 * {@code <rung>/seg_NNNNN.ts}, {@code poster.jpg}) and the done-marker that says a transcode job's
 * output is complete (written last).
 */
public final class BlobKeys {

    public static final String MASTER_PLAYLIST = "master.m3u8";
    public static final String MEDIA_PLAYLIST = "index.m3u8";
    public static final String POSTER = "poster.jpg";
    /** The stored result event of the job that published the ladder; its presence means "done". */
    public static final String DONE_MARKER = "transcoded.pb";
    /** ffmpeg's {@code -hls_segment_filename} pattern inside a rung's directory. */
    public static final String SEGMENT_PATTERN = "seg_%05d.ts";
    /** What a file name under a ladder prefix may be: the above, nothing else (no listings). */
    public static final String LADDER_FILE_REGEX = "master\\.m3u8|poster\\.jpg|[0-9]{3,4}p/(?:index\\.m3u8|seg_[0-9]{5}\\.ts)";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_SEGMENTS = 16;
    private static final String RAW = "raw/";
    private static final String HLS = "hls/";

    private BlobKeys() {
    }

    public static String raw(String videoId) {
        return RAW + videoId;
    }

    /** The prefix (ending in '/') under which a video's ladder is published. */
    public static String ladder(String videoId) {
        return HLS + videoId + "/";
    }

    /** A rung's media playlist relative to the ladder prefix. */
    public static String mediaPlaylist(String rung) {
        return rung + "/" + MEDIA_PLAYLIST;
    }

    /**
     * The files of a ladder a publisher writes after everything else, in this order: a reader who
     * finds the master playlist finds every playlist and segment it points at, and a redelivered
     * job that finds the done-marker finds the whole ladder.
     */
    public static List<String> publishedLast() {
        return List.of(MASTER_PLAYLIST, DONE_MARKER);
    }

    /** Every key or prefix a video's blobs live under, for deleting the video. */
    public static List<String> ofVideo(String videoId) {
        return List.of(raw(videoId), ladder(videoId));
    }

    /**
     * The segments of a valid key or prefix (one trailing '/' allowed); anything that could name
     * something else on a filesystem or in a bucket (empty, '..', encoded, absolute, doubled
     * slashes, hidden names) is IllegalArgumentException.
     */
    public static String[] segments(String key) {
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        String[] segments = trimmed.split("/", -1);
        if (trimmed.isEmpty() || segments.length > MAX_SEGMENTS) {
            throw new IllegalArgumentException("invalid blob key: " + key);
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("invalid blob key: " + key);
            }
        }
        return segments;
    }
}
