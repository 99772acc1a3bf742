package dev.videoplatform.platform.ratelimit;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Fixed-window counters in Redis, shared by every replica. One Lua script does the whole step
 * (read the Redis clock, count, set the expiry), so concurrent callers never over-admit.
 */
@ApplicationScoped
public class RateLimiter {

    /** Outcome of one attempt: allowed or not, and when the current window ends. */
    public record Decision(boolean allowed, long count, Duration retryAfter) {
    }

    private static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local window = tonumber(ARGV[1])
            local key = KEYS[1] .. ':' .. math.floor(now / window)
            local count = redis.call('INCR', key)
            if count == 1 then redis.call('PEXPIRE', key, window) end
            return {count, window - (now % window)}
            """;

    private final ReactiveRedisDataSource redis;

    public RateLimiter(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Counts one request for {@code subject} (e.g. "read:user:42") against {@code limit} per {@code window}. */
    public Uni<Decision> acquire(String subject, int limit, Duration window) {
        return redis.execute("EVAL", SCRIPT, "1", "vp:rl:{" + subject + "}", Long.toString(window.toMillis()))
                .map(response -> {
                    long count = response.get(0).toLong();
                    long remainingMillis = response.get(1).toLong();
                    return new Decision(count <= limit, count, Duration.ofMillis(remainingMillis));
                });
    }
}
