package dev.videoplatform.streaming.http;

import dev.videoplatform.platform.blob.BlobStore;
import io.netty.buffer.Unpooled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Proxies a byte range of a blob from an object store to an HTTP response (one ranged GET, the
 * size known from the cached stat): read in chunks on a
 * worker thread, written as the client takes them (the worker waits while the response's write
 * queue is full), so a segment never sits whole in memory and a slow player slows only its own
 * read. A client that goes away stops the read; a store failing half-way resets the connection
 * (the length was promised), one failing before the first byte answers 502.
 */
@ApplicationScoped
public class BlobRangeSender {

    private static final Logger LOG = Logger.getLogger(BlobRangeSender.class);
    private static final int CHUNK = 256 * 1024;
    private static final long STALLED_CLIENT_SECONDS = 60;

    private final BlobStore blobs;

    public BlobRangeSender(BlobStore blobs) {
        this.blobs = blobs;
    }

    public void send(HttpServerResponse response, String key, long offset, long length) {
        Semaphore writable = new Semaphore(0);
        // Room for the chunk being sent and the next one: the worker reads ahead while the event
        // loop writes (with Vert.x's default the queue is full after every chunk, and reading and
        // writing take turns).
        response.setWriteQueueMaxSize(2 * CHUNK);
        response.drainHandler(v -> writable.release());
        response.closeHandler(v -> writable.release());
        response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
        Infrastructure.getDefaultWorkerPool().execute(() -> copy(response, writable, key, offset, length));
    }

    private void copy(HttpServerResponse response, Semaphore writable, String key, long offset, long length) {
        boolean started = false;
        try (InputStream body = blobs.readRange(key, offset, length)) {
            long remaining = length;
            while (remaining > 0) {
                // A fresh array per chunk: the response holds on to it until it is written out.
                byte[] chunk = new byte[(int) Math.min(CHUNK, remaining)];
                if (body.readNBytes(chunk, 0, chunk.length) < chunk.length) {
                    throw new IOException(key + " is shorter than its stat said");
                }
                while (response.writeQueueFull() && !response.closed()) {
                    writable.tryAcquire(STALLED_CLIENT_SECONDS, TimeUnit.SECONDS);
                }
                if (response.closed()) {
                    return;
                }
                response.write(Buffer.buffer(Unpooled.wrappedBuffer(chunk)));
                started = true;
                remaining -= chunk.length;
            }
            response.end();
        } catch (IOException e) {
            LOG.warnf("proxying %s failed: %s", key, e.getMessage());
            if (!started && !response.headWritten()) {
                response.setStatusCode(502).putHeader(HttpHeaders.CONTENT_LENGTH, "0").end();
            } else {
                response.reset();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.reset();
        }
    }
}
