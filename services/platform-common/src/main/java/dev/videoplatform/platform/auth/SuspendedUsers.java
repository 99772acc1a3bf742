package dev.videoplatform.platform.auth;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The platform-wide set of suspended users, in Redis: user-service adds and removes members as
 * suspensions come and go, and every service's JWT interceptor refuses their still-valid tokens.
 */
@ApplicationScoped
public class SuspendedUsers {

    static final String KEY = "vp:auth:suspended";
    private static final Logger LOG = Logger.getLogger(SuspendedUsers.class);

    private final ReactiveRedisDataSource redis;

    public SuspendedUsers(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Whether {@code userId} is suspended; if Redis cannot say, the token alone decides (and we log). */
    public Uni<Boolean> isSuspended(String userId) {
        return redis.set(String.class).sismember(KEY, userId)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("suspension check unavailable for %s: %s", userId, failure.getMessage());
                    return false;
                });
    }

    public Uni<Void> suspend(String userId) {
        return redis.set(String.class).sadd(KEY, userId).replaceWithVoid();
    }

    public Uni<Void> reinstate(String userId) {
        return redis.set(String.class).srem(KEY, userId).replaceWithVoid();
    }
}
