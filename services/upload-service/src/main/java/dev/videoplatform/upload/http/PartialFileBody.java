package dev.videoplatform.upload.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;

/**
 * The body of one PUT on its way into the partial file. The body arrives in pieces of a few
 * KiB, and every file write is a hop to a worker thread and a system call, so pieces are
 * gathered into 1 MiB writes from pooled direct memory (no copy into a temporary direct
 * buffer on the way to the kernel). {@link #finish} forces the file to disk only after every
 * write has completed (AsyncFile's flush does not wait for them), and fails if any write
 * failed, so bytes that never reached the disk are never counted. Event-loop only, like the
 * request it reads (AsyncFile completes writes on the caller's context).
 */
final class PartialFileBody implements RangeBody {

    private static final int WRITE_BYTES = 1 << 20;
    private static final int QUEUE_BYTES = 8 << 20;

    private final AsyncFile file;
    private ByteBuf pending;
    private Throwable writeFailure;
    private long received;
    private int writesInFlight;
    private Promise<Void> writesDone;

    PartialFileBody(AsyncFile file, long position) {
        this.file = file;
        file.setWritePos(position);
        file.setWriteQueueMaxSize(QUEUE_BYTES);
    }

    @Override
    public long received() {
        return received;
    }

    @Override
    public boolean append(Buffer piece) {
        received += piece.length();
        ByteBuf bytes = piece.getByteBuf();
        while (bytes.isReadable()) {
            if (pending == null) {
                pending = PooledByteBufAllocator.DEFAULT.directBuffer(WRITE_BYTES, WRITE_BYTES);
            }
            bytes.readBytes(pending, Math.min(bytes.readableBytes(), pending.writableBytes()));
            if (!pending.isWritable()) {
                writePending();
            }
        }
        return file.writeQueueFull();
    }

    @Override
    public void whenDrained(Handler<Void> handler) {
        file.drainHandler(handler);
    }

    /** Writes the rest, forces it to disk and closes the file; fails if any write failed. */
    @Override
    public Future<Void> finish() {
        if (pending != null) {
            writePending();
        }
        Future<Void> written = Future.succeededFuture();
        if (writesInFlight > 0) {
            writesDone = Promise.promise();
            written = writesDone.future();
        }
        return written.compose(v -> writeFailure == null ? file.flush() : Future.failedFuture(writeFailure))
                .eventually(v -> file.close());
    }

    @Override
    public void abort() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        file.close();
    }

    private void writePending() {
        ByteBuf full = pending;
        pending = null;
        writesInFlight++;
        file.write(Buffer.buffer(full)).onComplete(written -> {
            full.release();
            if (written.failed() && writeFailure == null) {
                writeFailure = written.cause();
            }
            if (--writesInFlight == 0 && writesDone != null) {
                writesDone.complete();
            }
        });
    }
}
