package dev.videoplatform.platform.ratelimit;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Fixed-window budgets shared by every replica through Redis, decided in memory. Each replica
 * counts its own calls and, in one pipelined round trip every {@code sync-interval}, adds them to
 * the window's counter in Redis and learns the total. A call is admitted at once while the known
 * total plus this replica's unconfirmed calls is under the limit and the unconfirmed calls stay
 * under the lease ({@code lease-fraction} of the limit, at least 1); past the lease it waits for
 * the next sync. Refusals are always exact (the known total only grows); admissions can overshoot
 * a window by at most the lease of each other replica, as they cannot see each other's
 * unconfirmed calls. With one replica, or a lease of 1 and one call at a time, the limit is exact.
 *
 * <p>Windows follow this host's clock (epoch-aligned), so replicas agree to within their clock skew.
 * If Redis is unreachable, calls are admitted (and logged): losing the limiter must not take the
 * service down with it.
 */
@ApplicationScoped
public class RateLimiter {

    /** Outcome of one attempt: allowed or not, the calls counted in the window, and when it ends. */
    public record Decision(boolean allowed, long count, Duration retryAfter) {
    }

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final String ADD = """
            local total = redis.call('INCRBY', KEYS[1], ARGV[1])
            if total == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return total
            """;

    /** One subject's window as this replica knows it; guarded by itself. */
    private static final class Budget {
        final String key;
        long window = -1;
        long windowEnd;
        long known;
        int pending;
        int inFlight;

        Budget(String key) {
            this.key = key;
        }
    }

    private record Flush(Budget budget, long window, int calls, long windowMillis) {
    }

    private final Redis redis;
    private final Vertx vertx;
    private final double leaseFraction;
    private final long syncMillis;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
    private final Map<Budget, Long> dirty = new ConcurrentHashMap<>();
    private final AtomicBoolean timerSet = new AtomicBoolean();
    private final AtomicBoolean syncing = new AtomicBoolean();
    private volatile boolean syncAgain;
    private List<Runnable> waiting = new ArrayList<>();
    private long lastFailureLog;

    public RateLimiter(ReactiveRedisDataSource redis, Vertx vertx, RateLimitConfig config) {
        this.redis = redis.getRedis();
        this.vertx = vertx;
        this.leaseFraction = config.leaseFraction();
        this.syncMillis = Math.max(1, config.syncInterval().toMillis());
    }

    /**
     * Counts one call for {@code subject} (e.g. "read:user:42") against {@code limit} per
     * {@code window} if that can be decided now; null if the call must wait for a sync.
     */
    public Decision tryAcquire(String subject, int limit, Duration window) {
        long windowMillis = window.toMillis();
        long now = System.currentTimeMillis();
        long current = now / windowMillis;
        int lease = Math.max(1, (int) (limit * leaseFraction));
        Budget budget = budgets.computeIfAbsent(subject, s -> new Budget("vp:rl:{" + s + "}:"));
        Decision decision;
        boolean full;
        synchronized (budget) {
            if (budget.window != current) {
                budget.window = current;
                budget.windowEnd = (current + 1) * windowMillis;
                budget.known = 0;
                budget.pending = 0;
                budget.inFlight = 0;
            }
            long used = budget.known + budget.pending + budget.inFlight;
            if (used >= limit) {
                return new Decision(false, used, Duration.ofMillis(budget.windowEnd - now));
            }
            if (budget.pending + budget.inFlight >= lease) {
                decision = null;
            } else {
                budget.pending++;
                decision = new Decision(true, used + 1, Duration.ofMillis(budget.windowEnd - now));
            }
            full = budget.pending + budget.inFlight >= lease;
        }
        dirty.put(budget, windowMillis);
        requestSync(full);
        return decision;
    }

    /** Counts one call, waiting for a sync only when the lease is used up. */
    public Uni<Decision> acquire(String subject, int limit, Duration window) {
        Decision now = tryAcquire(subject, limit, window);
        if (now != null) {
            return Uni.createFrom().item(now);
        }
        return Uni.createFrom().<Void>emitter(emitter -> {
            synchronized (this) {
                waiting.add(() -> emitter.complete(null));
            }
            requestSync(true);
        }).flatMap(synced -> acquire(subject, limit, window));
    }

    private void requestSync(boolean now) {
        if (now) {
            sync();
        } else if (timerSet.compareAndSet(false, true)) {
            vertx.setTimer(syncMillis, id -> {
                timerSet.set(false);
                sync();
            });
        }
    }

    private void sync() {
        if (!syncing.compareAndSet(false, true)) {
            syncAgain = true;
            return;
        }
        List<Runnable> released;
        synchronized (this) {
            released = waiting;
            waiting = new ArrayList<>();
        }
        List<Flush> flushes = new ArrayList<>();
        for (Map.Entry<Budget, Long> entry : dirty.entrySet()) {
            Budget budget = entry.getKey();
            dirty.remove(budget);
            synchronized (budget) {
                if (budget.pending > 0) {
                    flushes.add(new Flush(budget, budget.window, budget.pending, entry.getValue()));
                    budget.inFlight += budget.pending;
                    budget.pending = 0;
                }
            }
        }
        if (flushes.isEmpty()) {
            finish(released);
            return;
        }
        List<Request> adds = new ArrayList<>(flushes.size());
        for (Flush flush : flushes) {
            adds.add(Request.cmd(Command.EVAL).arg(ADD).arg(1).arg(flush.budget().key + flush.window())
                    .arg(flush.calls()).arg(2 * flush.windowMillis()));
        }
        redis.batch(adds).subscribe().with(totals -> {
            for (int i = 0; i < flushes.size(); i++) {
                Response total = totals.get(i);
                confirmed(flushes.get(i), total == null ? 0 : total.toLong());
            }
            finish(released);
        }, failure -> {
            long now = System.currentTimeMillis();
            if (now - lastFailureLog > 10_000) {
                lastFailureLog = now;
                LOG.warnf("rate limiter unavailable, admitting calls: %s", failure.getMessage());
            }
            flushes.forEach(flush -> confirmed(flush, 0));
            finish(released);
        });
    }

    private static void confirmed(Flush flush, long total) {
        Budget budget = flush.budget();
        synchronized (budget) {
            if (budget.window == flush.window()) {
                budget.inFlight -= flush.calls();
                budget.known = Math.max(budget.known, total);
            }
        }
    }

    private void finish(List<Runnable> released) {
        syncing.set(false);
        released.forEach(Runnable::run);
        forgetIdle();
        boolean again = syncAgain;
        syncAgain = false;
        boolean someoneWaits;
        synchronized (this) {
            someoneWaits = !waiting.isEmpty();
        }
        if (again || someoneWaits) {
            requestSync(someoneWaits);
        } else if (!dirty.isEmpty()) {
            requestSync(false);
        }
    }

    /** Budgets of subjects that stopped calling would otherwise pile up. */
    private void forgetIdle() {
        if (budgets.size() < 10_000) {
            return;
        }
        long now = System.currentTimeMillis();
        budgets.values().removeIf(budget -> {
            synchronized (budget) {
                return budget.windowEnd <= now && budget.pending == 0 && budget.inFlight == 0 && !dirty.containsKey(budget);
            }
        });
    }
}
