package dev.videoplatform.platform.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where raw uploads, HLS renditions and posters live: a directory ({@link FilesystemBlobStore})
 * or an S3-compatible bucket ({@link S3BlobStore}). Keys are relative paths of
 * {@code [A-Za-z0-9._-]} segments laid out by {@link BlobKeys}.
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

    /**
     * The {@code length} bytes from {@code offset} of a blob whose size the caller already knows (from
     * {@link #stat}), as one stream: an object store answers it with one ranged GET, no stat first.
     * The caller reads exactly {@code length} bytes; on an object store, a blob whose size changed since fails the read.
     */
    default InputStream readRange(String key, long offset, long length) throws IOException {
        SeekableByteChannel channel = open(key);
        channel.position(offset);
        return Channels.newInputStream(channel);
    }

    /** The file behind a key when the store is a filesystem (for zero-copy sends); empty otherwise. */
    Optional<Path> localFile(String key);

    /**
     * A URL that lets anyone holding it GET the blob until {@code ttl} has passed, for stores a
     * client (or a CDN) can reach directly; empty for a filesystem store.
     */
    Optional<URI> presignedGet(String key, Duration ttl);

    /** Whether blobs are files on this machine ({@link #localFile} answers; reads are system calls, not requests). */
    boolean hasLocalFiles();

    /** Keys under a prefix ({@code hls/v1/}), sorted. */
    List<String> list(String prefix) throws IOException;

    /** Deletes one blob or everything under a prefix ending in '/'; missing keys are fine. */
    void delete(String keyOrPrefix) throws IOException;

    /**
     * Publishes a locally written directory as everything under {@code prefix} (ending in '/'):
     * readers never see a partial set (a manifest never points at a missing object). Stores
     * with atomic renames swap the directory in; others write every file, then the files named
     * in {@code lastInOrder} (relative names) in that order, then delete what a previous
     * publication left that is not in the new set. Anything previously under the prefix is
     * replaced; the local directory is consumed.
     */
    void publishDirectory(Path directory, String prefix, List<String> lastInOrder) throws IOException;

    /** Multipart uploads whose parts live in the store, when it has them (S3); empty for a filesystem store. */
    default Optional<MultipartUploads> multipartUploads() {
        return Optional.empty();
    }

    /** A local scratch directory (on the store's volume for a filesystem store, so put/publish are renames). */
    Path scratchDirectory() throws IOException;
}
