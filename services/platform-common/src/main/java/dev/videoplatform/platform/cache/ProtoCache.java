package dev.videoplatform.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Cache-aside for hot reads of protobuf resources: entries in Redis as protobuf bytes under
 * {@code <prefix><id>} with a TTL, dropped by the owner on every change. When Redis fails, reads
 * go to the loader (the database) and writes are skipped: the cache never fails a request.
 *
 * <p>Dropping leaves a short-lived empty tombstone, and fills only ever create a key: a reader
 * that loaded the old row just before a change committed cannot put it back after the drop. A
 * drop that Redis refuses (after one quick retry) leaves the old entry there, so this replica
 * reads that id past Redis until the entry has surely expired (one TTL); a lost fill costs nothing.
 *
 * <p>With a {@link ChangeFeed}, hot records are also kept parsed in this replica's memory (the
 * near cache), so a hit costs no Redis round trip and no parsing. Every drop is published on the
 * feed and every replica forgets the record at once; while the feed has a gap, the near cache is
 * neither read nor filled. A fill that began before a drop arrived is not kept in memory (the
 * generation check), so a replica cannot re-learn a record it was just told to forget.
 */
public class ProtoCache<M extends Message> implements ChangeFeed.Listener {

    private static final Logger LOG = Logger.getLogger(ProtoCache.class);

    private final ReactiveValueCommands<String, byte[]> values;
    private final String prefix;
    private final SetArgs fill;
    private final SetArgs overwrite;
    private static final SetArgs TOMBSTONE = new SetArgs().px(Duration.ofSeconds(2));
    private static final byte[] NOTHING = new byte[0];
    /** Beyond this many failed drops Redis is down for writes; its reads then fail too (loader). */
    private static final long UNDROPPED_MAX = 100_000;
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(10);
    private final Parser<M> parser;
    private final ChangeFeed feed;
    private final Cache<String, M> near;
    /** Counts drops heard; a fill is kept in memory only if none came while it was being read. */
    private final AtomicLong generation = new AtomicLong();
    /** Lookups answered from this replica's memory, from Redis, and by the loader (hit rates). */
    private final Counter memoryHits;
    private final Counter redisHits;
    private final Counter misses;
    /** Ids whose drop did not reach Redis, each kept for one TTL: read from the loader meanwhile. */
    private final Cache<String, Boolean> undropped;

    /** Redis only: for copies read rarely (a fallback), not worth memory on every replica. */
    public ProtoCache(ReactiveRedisDataSource redis, String prefix, Duration ttl, Parser<M> parser) {
        this(redis, null, Duration.ZERO, 0, prefix, ttl, parser);
    }

    /** Redis behind a near cache kept coherent by {@code feed} (off when the config keeps no entries). */
    public ProtoCache(ReactiveRedisDataSource redis, ChangeFeed feed, CacheConfig config, String prefix, Duration ttl,
            Parser<M> parser) {
        this(redis, feed, config.nearTtl(), config.nearMaxEntries(), prefix, ttl, parser);
    }

    /** Likewise, with this cache's own memory bounds: for large records, fewer of them. */
    public ProtoCache(ReactiveRedisDataSource redis, ChangeFeed feed, Duration nearTtl, long nearMaxEntries, String prefix,
            Duration ttl, Parser<M> parser) {
        this.values = redis.value(byte[].class);
        this.prefix = prefix;
        this.fill = new SetArgs().px(ttl).nx();
        this.overwrite = new SetArgs().px(ttl);
        this.parser = parser;
        String cacheName = prefix.endsWith(":") ? prefix.substring(0, prefix.length() - 1) : prefix;
        this.memoryHits = lookups(cacheName, "memory");
        this.redisHits = lookups(cacheName, "redis");
        this.misses = lookups(cacheName, "miss");
        this.undropped = Caffeine.newBuilder().maximumSize(UNDROPPED_MAX).expireAfterWrite(ttl).build();
        boolean nearOn = feed != null && nearMaxEntries > 0;
        this.feed = nearOn ? feed : null;
        this.near = nearOn ? Caffeine.newBuilder().maximumSize(nearMaxEntries)
                .expireAfterWrite(nearTtl.compareTo(ttl) < 0 ? nearTtl : ttl).build() : null;
        if (nearOn) {
            feed.listen(prefix, this);
        }
    }

    private static Counter lookups(String cache, String answeredFrom) {
        return Counter.builder("videoplatform.cache.lookups").description("Cache lookups by where they were answered")
                .tag("cache", cache).tag("result", answeredFrom).register(Metrics.globalRegistry);
    }

    /** The record if this replica holds it in memory and may serve it; null otherwise. */
    public M peek(String id) {
        M held = near != null && feed.live() ? near.getIfPresent(id) : null;
        if (held != null) {
            memoryHits.increment();
        }
        return held;
    }

    @Override
    public void changed(String id) {
        generation.incrementAndGet();
        near.invalidate(id);
    }

    @Override
    public void gap() {
        generation.incrementAndGet();
        near.invalidateAll();
    }

    /**
     * The resources with these ids: from Redis where cached, the rest from {@code loader} (and
     * then cached). Ids neither cached nor loaded are absent from the result.
     */
    public Uni<Map<String, M>> getOrLoad(List<String> ids, Function<List<String>, Uni<Map<String, M>>> loader) {
        Map<String, M> inMemory = near != null && feed.live() ? near.getAllPresent(ids) : Map.of();
        memoryHits.increment(inMemory.size());
        if (inMemory.size() == ids.size()) {
            return Uni.createFrom().item(inMemory);
        }
        List<String> notInMemory = inMemory.isEmpty() ? ids : ids.stream().filter(id -> !inMemory.containsKey(id)).toList();
        Set<String> stale = undropped.estimatedSize() == 0 ? Set.of() : undropped.getAllPresent(notInMemory).keySet();
        List<String> fromRedis = stale.isEmpty() ? notInMemory : notInMemory.stream().filter(id -> !stale.contains(id)).toList();
        long before = generation.get();
        return get(fromRedis).flatMap(cached -> {
            List<String> misses = notInMemory.stream().filter(id -> !cached.containsKey(id)).toList();
            redisHits.increment(cached.size());
            this.misses.increment(misses.size());
            Map<String, M> all = new HashMap<>(inMemory);
            all.putAll(cached);
            if (misses.isEmpty()) {
                remember(cached, before);
                return Uni.createFrom().item(all);
            }
            return loader.apply(misses).flatMap(loaded -> {
                all.putAll(loaded);
                List<Uni<Void>> writes = new ArrayList<>();
                Map<String, M> cacheable = new HashMap<>(loaded);
                cacheable.keySet().removeAll(stale);
                cacheable.forEach((id, value) -> writes.add(put(id, value)));
                Uni<Map<String, M>> stored = writes.isEmpty() ? Uni.createFrom().item(all)
                        : Uni.join().all(writes).andFailFast().replaceWith(all);
                return stored.invoke(() -> {
                    remember(cached, before);
                    remember(cacheable, before);
                });
            });
        });
    }

    /** One record: from Redis, else by {@code loader} (then cached); empty when the loader has none. */
    public Uni<Optional<M>> loadOne(String id, Supplier<Uni<Optional<M>>> loader) {
        return getOrLoad(List.of(id), ids -> loader.get().map(found -> found.map(value -> Map.of(id, value)).orElse(Map.of())))
                .map(found -> Optional.ofNullable(found.get(id)));
    }

    /**
     * One hot record: from this replica's memory, else loaded ({@link #loadOne}) at most once at a
     * time per {@code loadKey} on this replica, by {@code loads}.
     */
    public Uni<Optional<M>> getCoalesced(String id, String loadKey, CoalescedLoads<M> loads, Supplier<Uni<Optional<M>>> loader) {
        M held = peek(id);
        if (held != null) {
            return Uni.createFrom().item(Optional.of(held));
        }
        return loads.get(loadKey, () -> loadOne(id, loader));
    }

    /**
     * Keeps what was read in memory, unless a drop was heard since the read began; a drop heard
     * while storing takes back what was stored (drops bump the generation before they evict).
     */
    private void remember(Map<String, M> read, long generationBefore) {
        if (near == null || read.isEmpty() || !feed.live() || generation.get() != generationBefore) {
            return;
        }
        near.putAll(read);
        if (generation.get() != generationBefore) {
            near.invalidateAll(read.keySet());
        }
    }

    Uni<Map<String, M>> get(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return values.mget(ids.stream().map(id -> prefix + id).toArray(String[]::new)).map(found -> {
            Map<String, M> hits = new HashMap<>();
            for (String id : ids) {
                byte[] bytes = found.get(prefix + id);
                if (bytes != null && bytes.length > 0) {
                    try {
                        hits.put(id, parser.parseFrom(bytes));
                    } catch (InvalidProtocolBufferException e) {
                        LOG.warnf("unreadable cache entry %s%s", prefix, id);
                    }
                }
            }
            return hits;
        }).onFailure().recoverWithItem(failure -> {
            LOG.warnf("cache %s unavailable: %s", prefix, failure.getMessage());
            return Map.of();
        });
    }

    public Uni<Void> put(String id, M value) {
        return values.set(prefix + id, value.toByteArray(), fill)
                .onFailure().invoke(failure -> LOG.debugf("cache fill %s%s skipped: %s", prefix, id, failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Writes the value whatever is cached, tombstones included: for copies where the latest
     * answer should win (a fallback of the last value seen), not for cache-aside reads.
     */
    public Uni<Void> replace(String id, M value) {
        return write(id, value.toByteArray(), overwrite).call(() -> dropEverywhere(id));
    }

    /** Drops the record: the tombstone first, then every replica's memory copy. */
    public Uni<Void> invalidate(String id) {
        return write(id, NOTHING, TOMBSTONE).call(() -> dropEverywhere(id));
    }

    /**
     * A write that must replace what Redis holds. When Redis refuses it, the old entry may live
     * on for one TTL, so this replica stops reading the id from Redis for that long.
     */
    private Uni<Void> write(String id, byte[] bytes, SetArgs args) {
        return values.set(prefix + id, bytes, args)
                .onFailure().retry().withBackOff(RETRY_BACKOFF, RETRY_BACKOFF.multipliedBy(10)).atMost(1)
                .onFailure().invoke(failure -> {
                    undropped.put(id, Boolean.TRUE);
                    LOG.warnf("cache %s%s could not be dropped (read past Redis for one TTL): %s", prefix, id,
                            failure.getMessage());
                })
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> dropEverywhere(String id) {
        if (near == null) {
            return Uni.createFrom().voidItem();
        }
        changed(id);
        return feed.publish(prefix, id);
    }
}
