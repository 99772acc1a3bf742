package dev.videoplatform.platform.blob;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where raw uploads, HLS renditions and posters live. Keys are relative paths of
 * {@code [A-Za-z0-9._-]} segments ({@code raw/{videoId}}, {@code hls/{videoId}/720p/seg_00001.ts}).
 * Blocking I/O: call it from worker threads.
 */
public interface BlobStore {

    /** Size and modification time of a stored blob. */
    record BlobInfo(String key, long size, long lastModifiedMillis) {
    }

    /** Moves a finished local file in as {@code key}, atomically (readers see all of it or nothing). */
    void put(String key, Path file) throws IOException;

    Optional<BlobInfo> stat(String key) throws IOException;

    /** A channel over the blob, positioned at 0; callers seek for ranged reads. */
    SeekableByteChannel open(String key) throws IOException;

    /** The file behind a key when the store is a filesystem (for zero-copy sends); empty otherwise. */
    Optional<Path> localFile(String key);

    /** Keys under a prefix ({@code hls/v1/}), sorted. */
    List<String> list(String prefix) throws IOException;

    /** Deletes one blob or everything under a prefix ending in '/'; missing keys are fine. */
    void delete(String keyOrPrefix) throws IOException;

    /**
     * Publishes a locally written directory as everything under {@code prefix} in one step:
     * readers never see a partial set (a manifest never points at a missing segment).
     * Anything previously under the prefix is replaced.
     */
    void publishDirectory(Path directory, String prefix) throws IOException;

    /** A scratch directory on the same volume, so that put/publish can be renames. */
    Path scratchDirectory() throws IOException;
}
