package dev.videoplatform.streaming.http;

import dev.videoplatform.platform.blob.BlobStore;
import dev.videoplatform.streaming.config.StreamingConfig;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
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
 * output never changes in place (a new transcode replaces the whole directory), so the path
 * checks, the stat and the header values need not be redone for every request. Playlists, a few
 * hundred bytes each, are kept in memory too; segments and posters are always sent from disk.
 */
@ApplicationScoped
public class StreamFiles {

    static final int INLINE_LIMIT = 64 * 1024;
    private static final int MAX_ENTRIES = 20_000;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** A file ready to serve; {@code content} only for playlists. */
    public record StreamFile(Path path, long size, String etag, String lastModified, Buffer content, long expiresAtNanos) {
    }

    private final Map<String, StreamFile> recent = new ConcurrentHashMap<>();
    private final BlobStore blobs;
    private final long ttlNanos;

    public StreamFiles(BlobStore blobs, StreamingConfig config) {
        this.blobs = blobs;
        this.ttlNanos = config.fileTtl().toNanos();
    }

    /**
     * The file under {@code key}, if it is a regular file inside the blob store. Local,
     * microsecond-scale system calls, made on the calling thread rather than paying a thread hop
     * per request; cached for the configured file TTL.
     */
    public Optional<StreamFile> find(String key) {
        StreamFile cached = recent.get(key);
        long now = System.nanoTime();
        if (cached != null && cached.expiresAtNanos() - now > 0) {
            return Optional.of(cached);
        }
        Optional<StreamFile> found = read(key, now);
        if (recent.size() >= MAX_ENTRIES) {
            recent.clear();
        }
        found.ifPresentOrElse(file -> recent.put(key, file), () -> recent.remove(key));
        return found;
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
            return Optional.of(new StreamFile(local.get(), size, "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified) + "\"",
                    HTTP_DATE.format(Instant.ofEpochMilli(modified)), content, now + ttlNanos));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
