package dev.videoplatform.platform.auth;

import dev.videoplatform.platform.cache.ChangeFeed;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The platform-wide set of suspended users, in Redis: user-service adds and removes members as
 * suspensions come and go, and every service's JWT interceptor refuses their still-valid tokens.
 *
 * <p>Each replica mirrors the set in memory (loaded whole, then kept current by the
 * {@link ChangeFeed}), so checking a caller costs no Redis round trip, and a suspension reaches
 * every replica within milliseconds. While the mirror is not trustworthy (loading, or the feed
 * has a gap) the check asks Redis, as before the mirror existed.
 */
@ApplicationScoped
public class SuspendedUsers implements ChangeFeed.Listener {

    static final String KEY = "vp:auth:suspended";
    private static final Logger LOG = Logger.getLogger(SuspendedUsers.class);

    private final ReactiveRedisDataSource redis;
    private final ChangeFeed feed;
    /** The mirror; null while it cannot be trusted. */
    private volatile Set<String> mirror;
    /** Changes heard while a load runs, applied over its result in order; null when no load runs. */
    private List<String> heardWhileLoading;
    private long loads;

    public SuspendedUsers(ReactiveRedisDataSource redis, ChangeFeed feed) {
        this.redis = redis;
        this.feed = feed;
        feed.listen(KEY, this);
        load();
    }

    /** Whether {@code userId} is suspended, if this replica knows it without asking Redis; null otherwise. */
    public Boolean knownNow(String userId) {
        Set<String> known = mirror;
        return known != null && feed.live() ? known.contains(userId) : null;
    }

    /** Whether {@code userId} is suspended; if Redis cannot say, the token alone decides (and we log). */
    public Uni<Boolean> isSuspended(String userId) {
        Boolean known = knownNow(userId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        reloadIfIdle();
        return redis.set(String.class).sismember(KEY, userId)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("suspension check unavailable for %s: %s", userId, failure.getMessage());
                    return false;
                });
    }

    /** Suspends {@code userId}: at once on this replica, within milliseconds on the others. */
    public Uni<Void> suspend(String userId) {
        return redis.set(String.class).sadd(KEY, userId).replaceWithVoid().call(() -> announce("+" + userId));
    }

    public Uni<Void> reinstate(String userId) {
        return redis.set(String.class).srem(KEY, userId).replaceWithVoid().call(() -> announce("-" + userId));
    }

    private Uni<Void> announce(String change) {
        changed(change);
        return feed.publish(KEY, change);
    }

    @Override
    public synchronized void changed(String change) {
        if (heardWhileLoading != null) {
            heardWhileLoading.add(change);
        } else if (mirror != null) {
            apply(mirror, change);
        }
    }

    @Override
    public void gap() {
        load();
    }

    private synchronized void reloadIfIdle() {
        if (mirror == null && heardWhileLoading == null) {
            load();
        }
    }

    private synchronized void load() {
        mirror = null;
        heardWhileLoading = new ArrayList<>();
        long load = ++loads;
        redis.set(String.class).smembers(KEY).subscribe().with(members -> loaded(load, members), failure -> {
            LOG.warnf("suspended users not mirrored (checks ask Redis): %s", failure.getMessage());
            failed(load);
        });
    }

    private synchronized void loaded(long load, Set<String> members) {
        if (load != loads) {
            return;
        }
        Set<String> loaded = ConcurrentHashMap.newKeySet();
        loaded.addAll(members);
        heardWhileLoading.forEach(change -> apply(loaded, change));
        heardWhileLoading = null;
        mirror = loaded;
    }

    private synchronized void failed(long load) {
        if (load == loads) {
            heardWhileLoading = null;
        }
    }

    private static void apply(Set<String> members, String change) {
        String userId = change.substring(1);
        if (change.startsWith("+")) {
            members.add(userId);
        } else if (change.startsWith("-")) {
            members.remove(userId);
        }
    }
}
