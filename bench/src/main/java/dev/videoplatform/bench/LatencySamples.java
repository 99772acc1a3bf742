package dev.videoplatform.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Latencies recorded by many load threads at once, bounded in number, and the errors beside them.
 * Storage grows in chunks as samples come: one array sized for the bound up front (160 MB) made
 * the load generator's own garbage collector stall the calls it was timing.
 */
final class LatencySamples {

    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MAX_CHUNKS = 300;

    private final AtomicReferenceArray<long[]> chunks = new AtomicReferenceArray<>(MAX_CHUNKS);
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong errors = new AtomicLong();

    void record(boolean ok, long latencyNanos) {
        if (!ok) {
            errors.incrementAndGet();
            return;
        }
        int i = count.getAndIncrement();
        int chunk = i >>> CHUNK_BITS;
        if (chunk >= MAX_CHUNKS) {
            return;
        }
        long[] samples = chunks.get(chunk);
        if (samples == null) {
            chunks.compareAndSet(chunk, null, new long[CHUNK]);
            samples = chunks.get(chunk);
        }
        samples[i & (CHUNK - 1)] = latencyNanos;
    }

    LoadResult result(String name, String load, double seconds) {
        int n = Math.min(count.get(), MAX_CHUNKS * CHUNK);
        long[] all = new long[n];
        for (int from = 0; from < n; from += CHUNK) {
            System.arraycopy(chunks.get(from >>> CHUNK_BITS), 0, all, from, Math.min(CHUNK, n - from));
        }
        return new LoadResult(name, load, seconds, all, errors.get());
    }
}
