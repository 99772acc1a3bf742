package dev.videoplatform.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.videoplatform.platform.error.DomainException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Loads of a hot cached answer coalesced per key on this replica, for answers whose cache entry is
 * dropped often (a busy video's comments, search answers under a stream of index changes).
 * While a key's load runs, no other reader starts one. The reader that starts it waits for it, so
 * the next read after a change sees the change; readers arriving while it runs get what the
 * previous load of that key produced if that load began at most {@code staleBound} ago, else they
 * wait for the running load. A hot answer's readers are then served from memory after each drop
 * instead of all queuing on the database at once, at the price of an answer one load old for the
 * readers that came during a load. {@link #refresh} starts a load before anyone asks.
 */
public final class CoalescedLoads<M> {

    /** A load that never answers (a lost connection) must not hold its key: it fails (UNAVAILABLE) after this. */
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(10);

    /**
     * A load of one key on this replica, and when it began; {@code previousServed}: whether
     * readers arriving meanwhile may get the previous answer instead of waiting for it.
     */
    private record Load<M>(long startedAt, CompletableFuture<Optional<M>> result, boolean previousServed) {
    }

    /** What a load produced, and when that load began. */
    private record Loaded<M>(long startedAt, M value) {
    }

    private final long staleNanos;
    private final Duration loadTimeout;
    private final Map<String, Load<M>> running = new ConcurrentHashMap<>();
    private final Cache<String, Loaded<M>> lastLoaded;
    private final Counter previousServed;

    /** {@code name} tags the metric; at most {@code maxEntries} previous loads are kept. */
    public CoalescedLoads(String name, Duration staleBound, long maxEntries) {
        this(name, staleBound, maxEntries, LOAD_TIMEOUT);
    }

    CoalescedLoads(String name, Duration staleBound, long maxEntries, Duration loadTimeout) {
        this.staleNanos = staleBound.toNanos();
        this.loadTimeout = loadTimeout;
        this.lastLoaded = Caffeine.newBuilder().maximumSize(Math.max(1, maxEntries)).expireAfterWrite(staleBound).build();
        this.previousServed = Counter.builder("videoplatform.cache.previous-load-served")
                .description("Answers given from the previous load while this replica loaded the key again")
                .tag("cache", name).register(Metrics.globalRegistry);
    }

    /** The answer for {@code key} (empty: there is none), by {@code load} at most once at a time per key. */
    public Uni<Optional<M>> get(String key, Supplier<Uni<Optional<M>>> load) {
        long now = System.nanoTime();
        Load<M> current = running.get(key);
        if (current == null) {
            Load<M> mine = new Load<>(now, new CompletableFuture<>(), true);
            current = running.putIfAbsent(key, mine);
            if (current == null) {
                start(key, mine, load);
                return Uni.createFrom().completionStage(mine.result());
            }
        }
        Loaded<M> previous = current.previousServed() ? lastLoaded.getIfPresent(key) : null;
        if (previous != null && now - previous.startedAt() <= staleNanos) {
            previousServed.increment();
            return Uni.createFrom().item(Optional.of(previous.value()));
        }
        return Uni.createFrom().completionStage(current.result());
    }

    /**
     * Loads {@code key} ahead of its readers (after a change that retired its answer), unless a
     * load of it is running. Readers arriving meanwhile wait for this load rather than get the
     * previous answer: the load began because of a change they may have to see.
     */
    public void refresh(String key, Supplier<Uni<Optional<M>>> load) {
        Load<M> mine = new Load<>(System.nanoTime(), new CompletableFuture<>(), false);
        if (running.putIfAbsent(key, mine) == null) {
            start(key, mine, load);
        }
    }

    private void start(String key, Load<M> mine, Supplier<Uni<Optional<M>>> load) {
        Uni.createFrom().<Optional<M>>deferred(load::get)
                .ifNoItem().after(loadTimeout).failWith(() -> DomainException.unavailable("LOAD_TIMEOUT",
                        "the answer took too long to load", Duration.ofSeconds(1)))
                .subscribe().with(found -> {
                    found.ifPresentOrElse(value -> lastLoaded.put(key, new Loaded<>(mine.startedAt(), value)),
                            () -> lastLoaded.invalidate(key));
                    running.remove(key, mine);
                    mine.result().complete(found);
                }, failure -> {
                    running.remove(key, mine);
                    mine.result().completeExceptionally(failure);
                });
    }
}
