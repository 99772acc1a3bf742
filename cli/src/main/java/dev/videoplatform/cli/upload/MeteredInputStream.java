package dev.videoplatform.cli.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.function.LongConsumer;

/**
 * A chunk's bytes on their way out: each read reported (for the progress bar) and, with a rate
 * limit, held back so the whole transfer keeps to {@code bytesPerSecond} on average.
 */
final class MeteredInputStream extends FilterInputStream {

    private final RateLimit limit;
    private final LongConsumer onRead;

    MeteredInputStream(InputStream in, RateLimit limit, LongConsumer onRead) {
        super(in);
        this.limit = limit;
        this.onRead = onRead;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, limit.unlimited() ? length : Math.min(length, 64 * 1024));
        if (n > 0) {
            try {
                limit.await(n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("upload interrupted");
            }
            onRead.accept(n);
        }
        return n;
    }

    /** An average rate over the whole transfer ({@code 0}: none). */
    static final class RateLimit {

        private final long bytesPerSecond;
        private final long start = System.nanoTime();
        private long sent;

        RateLimit(long bytesPerSecond) {
            this.bytesPerSecond = bytesPerSecond;
        }

        boolean unlimited() {
            return bytesPerSecond <= 0;
        }

        synchronized void await(long bytes) throws InterruptedException {
            sent += bytes;
            if (unlimited()) {
                return;
            }
            long due = start + sent * 1_000_000_000L / bytesPerSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }
}
