package dev.videoplatform.upload.service;

import dev.videoplatform.platform.blob.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of unfinished uploads on a filesystem store (S3: {@link UploadParts}): one partial file per session in the blob store's scratch
 * area. The database's committed count is the truth: bytes are forced to disk before the count
 * moves over them, so a crash leaves only bytes past the committed prefix, which the next chunk
 * overwrites and completion truncates.
 * Blocking I/O: worker threads only.
 */
@ApplicationScoped
public class UploadStorage {

    private final BlobStore blobs;

    public UploadStorage(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** The partial file of a session (its directory created); for writers that stream into it. */
    public Path partial(String uploadId) throws IOException {
        return Files.createDirectories(blobs.scratchDirectory().resolve("uploads")).resolve(uploadId + ".part");
    }

    /** An open partial file for a stream of chunks: positional writes, forced to disk on {@link #sync}. */
    public static final class Appender implements AutoCloseable {
        private final FileChannel file;

        Appender(FileChannel file) {
            this.file = file;
        }

        public void write(long offset, ByteBuffer data) throws IOException {
            long position = offset;
            while (data.hasRemaining()) {
                position += file.write(data, position);
            }
        }

        public void sync() throws IOException {
            file.force(false);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    public Appender appender(String uploadId) throws IOException {
        return new Appender(FileChannel.open(partial(uploadId), StandardOpenOption.CREATE, StandardOpenOption.WRITE));
    }

    /** Cuts the partial file to the committed prefix and returns its SHA-256 (hex). */
    public String seal(String uploadId, long committed) throws IOException {
        Path path = partial(uploadId);
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            file.truncate(committed);
            file.force(true);
            file.position(0);
            return sha256(file);
        }
    }

    /** The SHA-256 (hex) of what a channel reads from its position to its end. */
    static String sha256(ReadableByteChannel channel) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            while (channel.read(buffer) > 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves the sealed file into the blob store under {@code key}. */
    public void publish(String uploadId, String key) throws IOException {
        blobs.put(key, partial(uploadId));
    }

    public void discard(String uploadId) throws IOException {
        Files.deleteIfExists(partial(uploadId));
    }
}
