package dev.videoplatform.streaming.http;

import dev.videoplatform.platform.blob.BlobStore;
import dev.videoplatform.platform.grpc.CallThread;
import dev.videoplatform.streaming.config.StreamingConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the HTTP layer needs to know about a stream file, remembered for a moment: published HLS
 * output never changes in place (a new transcode replaces the whole ladder), so the path checks,
 * the stat and the header values need not be redone for every request. Playlists, a few hundred
 * bytes each, are kept in memory too; segments and posters are sent from disk on a filesystem
 * store, or proxied from the object store ({@link BlobRangeSender}) on S3.
 */
@ApplicationScoped
public class StreamFiles {

    static final int INLINE_LIMIT = 64 * 1024;
    private static final int MAX_ENTRIES = 20_000;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /**
     * A file ready to serve: {@code content} only for playlists; {@code path} only on a
     * filesystem store (otherwise the bytes are read from the store under {@code key}).
     */
    public record StreamFile(String key, Path path, long size, String etag, String lastModified, Buffer content,
            long expiresAtNanos) {
    }

    private final Map<String, StreamFile> recent = new ConcurrentHashMap<>();
    private final BlobStore blobs;
    private final long ttlNanos;
    private final boolean local;

    public StreamFiles(BlobStore blobs, StreamingConfig config) {
        this.blobs = blobs;
        this.ttlNanos = config.fileTtl().toNanos();
        this.local = blobs.hasLocalFiles();
    }

    /**
     * The file under {@code key}, if the blob store has it, cached for the configured file TTL.
     * On a filesystem store these are microsecond-scale system calls, made on the calling thread
     * rather than paying a thread hop per request; an object store is asked on a worker thread.
     */
    public Uni<Optional<StreamFile>> find(String key) {
        StreamFile cached = recent.get(key);
        long now = System.nanoTime();
        if (cached != null && cached.expiresAtNanos() - now > 0) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        if (local) {
            return Uni.createFrom().item(remember(key, read(key, now)));
        }
        return CallThread.offload(Uni.createFrom().item(() -> remember(key, fetch(key, System.nanoTime()))));
    }

    private Optional<StreamFile> remember(String key, Optional<StreamFile> found) {
        if (recent.size() >= MAX_ENTRIES) {
            recent.clear();
        }
        found.ifPresentOrElse(file -> recent.put(key, file), () -> recent.remove(key));
        return found;
    }

    /** From an object store: a stat, and the content of a playlist (read whole, it is small). */
    private Optional<StreamFile> fetch(String key, long now) {
        try {
            Optional<BlobStore.BlobInfo> info = blobs.stat(key);
            if (info.isEmpty()) {
                return Optional.empty();
            }
            long size = info.get().size();
            Buffer content = null;
            if (key.endsWith(".m3u8") && size <= INLINE_LIMIT) {
                try (SeekableByteChannel channel = blobs.open(key)) {
                    ByteBuffer bytes = ByteBuffer.allocate((int) size);
                    while (bytes.hasRemaining() && channel.read(bytes) > 0) {
                        // a playlist: at most INLINE_LIMIT bytes
                    }
                    content = Buffer.buffer(bytes.array());
                }
            }
            return Optional.of(describe(key, null, size, info.get().lastModifiedMillis(), content, now));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private StreamFile describe(String key, Path path, long size, long modified, Buffer content, long now) {
        return new StreamFile(key, path, size, "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified) + "\"",
                HTTP_DATE.format(Instant.ofEpochMilli(modified)), content, now + ttlNanos);
    }

    private Optional<StreamFile> read(String key, long now) {
        Optional<Path> local = blobs.localFile(key);
        if (local.isEmpty()) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(local.get(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            long size = attributes.size();
            long modified = attributes.lastModifiedTime().toMillis();
            Buffer content = key.endsWith(".m3u8") && size <= INLINE_LIMIT ? Buffer.buffer(Files.readAllBytes(local.get())) : null;
            if (content != null && content.length() != size) {
                return Optional.empty(); // replaced while reading: the next request sees the new file
            }
            return Optional.of(describe(key, local.get(), size, modified, content, now));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
