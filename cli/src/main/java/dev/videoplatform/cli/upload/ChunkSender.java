package dev.videoplatform.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoplatform.cli.api.Http;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * PUTs a file's bytes to a signed upload URL, one {@code Content-Range} chunk at a time. Each
 * answer carries the server's committed count, where the next chunk starts: a chunk counts whole
 * (filesystem store) or by parts (S3), so an interruption costs at most the chunk in flight.
 */
@Singleton
public class ChunkSender {

    private final Http http;

    public ChunkSender(Http http) {
        this.http = http;
    }

    /**
     * Sends {@code file} from {@code offset} to its end; {@code onProgress} sees the position as
     * bytes leave. Returns the committed count, the file's size when done.
     */
    public long send(Path file, String uploadUrl, long offset, long size, int chunkBytes, long bytesPerSecond,
            LongConsumer onProgress) {
        MeteredInputStream.RateLimit limit = new MeteredInputStream.RateLimit(bytesPerSecond);
        long committed = offset;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (committed < size) {
                int length = (int) Math.min(chunkBytes, size - committed);
                byte[] chunk = read(channel, committed, length);
                long first = committed;
                long[] sent = {0};
                JsonNode answer = http.exchange(HttpRequest.newBuilder(URI.create(uploadUrl))
                        .header("Content-Range", "bytes " + first + "-" + (first + length - 1) + "/" + size)
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> new MeteredInputStream(
                                        new ByteArrayInputStream(chunk), limit, n -> onProgress.accept(first + (sent[0] += n)))),
                                length))
                        .build());
                long next = answer.path("committed_bytes").asLong(first + length);
                if (next <= first && next < size) {
                    throw new IllegalStateException("the server committed nothing of bytes " + first + "-" + (first + length - 1));
                }
                committed = next;
                onProgress.accept(committed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return committed;
    }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file became shorter while uploading");
            }
        }
        return buffer.array();
    }
}
