package dev.videoplatform.gateway;

import java.time.Duration;

/**
 * Envoy's local rate limit: one token bucket per Envoy process, a flood guard in front of the
 * services' own per-caller limits (which live in Redis and are shared by all replicas).
 */
public record RateLimitBucket(int maxTokens, int tokensPerFill, Duration fillInterval) {

    public RateLimitBucket {
        if (maxTokens < 1 || tokensPerFill < 1) {
            throw new IllegalArgumentException("rate limit needs at least one token");
        }
        if (fillInterval.toMillis() < 50) {
            throw new IllegalArgumentException("Envoy refuses fill intervals under 50ms: " + fillInterval);
        }
    }
}
