package dev.videoplatform.platform.cache;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Cache-aside for hot reads of protobuf resources: entries in Redis as protobuf bytes under
 * {@code <prefix><id>} with a TTL, dropped by the owner on every change. When Redis fails, reads
 * go to the loader (the database) and writes are skipped: the cache never fails a request.
 *
 * <p>Dropping leaves a short-lived empty tombstone, and fills only ever create a key: a reader
 * that loaded the old row just before a change committed cannot put it back after the drop.
 */
public class ProtoCache<M extends Message> {

    private static final Logger LOG = Logger.getLogger(ProtoCache.class);

    private final ReactiveValueCommands<String, byte[]> values;
    private final String prefix;
    private final SetArgs fill;
    private final SetArgs overwrite;
    private static final SetArgs TOMBSTONE = new SetArgs().px(Duration.ofSeconds(2));
    private static final byte[] NOTHING = new byte[0];
    private final Parser<M> parser;

    public ProtoCache(ReactiveRedisDataSource redis, String prefix, Duration ttl, Parser<M> parser) {
        this.values = redis.value(byte[].class);
        this.prefix = prefix;
        this.fill = new SetArgs().px(ttl).nx();
        this.overwrite = new SetArgs().px(ttl);
        this.parser = parser;
    }

    /**
     * The resources with these ids: from Redis where cached, the rest from {@code loader} (and
     * then cached). Ids neither cached nor loaded are absent from the result.
     */
    public Uni<Map<String, M>> getOrLoad(List<String> ids, Function<List<String>, Uni<Map<String, M>>> loader) {
        return get(ids).flatMap(cached -> {
            List<String> misses = ids.stream().filter(id -> !cached.containsKey(id)).toList();
            if (misses.isEmpty()) {
                return Uni.createFrom().item(cached);
            }
            return loader.apply(misses).flatMap(loaded -> {
                Map<String, M> all = new HashMap<>(cached);
                all.putAll(loaded);
                List<Uni<Void>> writes = new ArrayList<>();
                loaded.forEach((id, value) -> writes.add(put(id, value)));
                return writes.isEmpty() ? Uni.createFrom().item(all) : Uni.join().all(writes).andFailFast().replaceWith(all);
            });
        });
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
        return values.set(prefix + id, value.toByteArray(), fill).onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Writes the value whatever is cached, tombstones included: for copies where the latest
     * answer should win (a fallback of the last value seen), not for cache-aside reads.
     */
    public Uni<Void> replace(String id, M value) {
        return values.set(prefix + id, value.toByteArray(), overwrite).onFailure().recoverWithNull().replaceWithVoid();
    }

    public Uni<Void> invalidate(String id) {
        return values.set(prefix + id, NOTHING, TOMBSTONE).onFailure().recoverWithNull().replaceWithVoid();
    }
}
