package dev.videoplatform.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Latencies recorded by many load threads at once, bounded in number, and the errors beside them. */
final class LatencySamples {

    private static final int MAX_SAMPLES = 20_000_000;

    private final long[] samples = new long[MAX_SAMPLES];
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong errors = new AtomicLong();

    void record(boolean ok, long latencyNanos) {
        if (!ok) {
            errors.incrementAndGet();
            return;
        }
        int i = count.getAndIncrement();
        if (i < samples.length) {
            samples[i] = latencyNanos;
        }
    }

    LoadResult result(String name, String load, double seconds) {
        return new LoadResult(name, load, seconds, Arrays.copyOf(samples, Math.min(count.get(), MAX_SAMPLES)), errors.get());
    }
}
