package dev.videoplatform.upload.service;

import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.upload.config.UploadConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Open WatchVideoStatus streams per user on this replica, capped: each stream holds a timer and
 * re-reads the database on every nudge and every two seconds, for up to the maximum stream
 * duration. Counted per replica, not in Redis, so that a replica that dies takes its counts with it
 * instead of leaking them.
 */
@ApplicationScoped
public class WatchStreams {

    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();
    private final int maxPerUser;

    public WatchStreams(UploadConfig config) {
        this.maxPerUser = config.maxWatchStreamsPerUser();
    }

    /** Takes one of {@code userId}'s slots, or refuses with RESOURCE_EXHAUSTED; release it with the returned handle. */
    public Runnable open(String userId) {
        boolean[] admitted = {false};
        open.compute(userId, (user, count) -> {
            int current = count == null ? 0 : count;
            admitted[0] = current < maxPerUser;
            return admitted[0] ? current + 1 : count;
        });
        if (!admitted[0]) {
            throw DomainException.resourceExhausted("TOO_MANY_WATCH_STREAMS", "at most " + maxPerUser
                    + " status streams at once per user; close one first", Duration.ofSeconds(1));
        }
        return () -> open.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
    }
}
