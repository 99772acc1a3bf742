package dev.videoplatform.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-client token buckets in memory: enough for the single local edge (Envoy and the services'
 * Redis-backed limiter do this job in Kubernetes).
 */
final class ClientRateLimiter {

    /** Above this many tracked clients, full (idle) buckets are dropped. */
    private static final int MAX_TRACKED_CLIENTS = 10_000;

    private final double tokensPerNano;
    private final int burst;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ClientRateLimiter(double requestsPerSecond, int burst, LongSupplier nanoClock) {
        if (requestsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate limit needs a positive rate and burst");
        }
        this.tokensPerNano = requestsPerSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    /** Takes a token for this client; false when its bucket is empty. */
    boolean tryAcquire(String client) {
        long now = nanoClock.getAsLong();
        if (buckets.size() > MAX_TRACKED_CLIENTS) {
            buckets.values().removeIf(bucket -> bucket.isFullAt(now));
        }
        return buckets.computeIfAbsent(client, key -> new Bucket(burst, now)).tryTake(now);
    }

    /** Whole seconds until an empty bucket has a token again. */
    long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / (tokensPerNano * 1e9)));
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized boolean tryTake(long now) {
            refill(now);
            if (tokens < 1) {
                return false;
            }
            tokens--;
            return true;
        }

        synchronized boolean isFullAt(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - updated) * tokensPerNano);
            updated = now;
        }
    }
}
