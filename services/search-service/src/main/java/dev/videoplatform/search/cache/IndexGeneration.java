package dev.videoplatform.search.cache;

import dev.videoplatform.platform.cache.ChangeFeed;
import dev.videoplatform.search.config.SearchConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * The read model's generation: a counter in Redis, raised shortly after the listed videos change
 * (published, edited, removed, banned; view counts do not count) and announced to every replica
 * on the {@link ChangeFeed}. Cached answers are keyed by it, so raising it retires every cached
 * answer at once on every replica. Changes within {@code change-delay} share one raise: a burst
 * of updates costs one round of recomputed hot queries, not one per update.
 *
 * <p>While the feed has a gap, or before the current value is known, there is no generation and
 * answers are not cached: a replica that may have missed a raise must not serve from the cache.
 */
@ApplicationScoped
public class IndexGeneration implements ChangeFeed.Listener {

    static final String TOPIC = "search-index";
    static final String KEY = "search:generation";
    private static final Logger LOG = Logger.getLogger(IndexGeneration.class);
    private static final long UNKNOWN = -1;

    private final ReactiveValueCommands<String, Long> counter;
    private final ChangeFeed feed;
    private final Vertx vertx;
    private final long delayMillis;
    private final AtomicLong current = new AtomicLong(UNKNOWN);
    private final AtomicBoolean loading = new AtomicBoolean();
    private final AtomicBoolean raisePending = new AtomicBoolean();
    private final List<LongConsumer> raised = new CopyOnWriteArrayList<>();

    public IndexGeneration(ReactiveRedisDataSource redis, ChangeFeed feed, Vertx vertx, SearchConfig config) {
        this.counter = redis.value(Long.class);
        this.feed = feed;
        this.vertx = vertx;
        this.delayMillis = Math.max(1, config.cache().changeDelay().toMillis());
        feed.listen(TOPIC, this);
    }

    /** The generation answers may be cached under now; empty when caching must step aside. */
    public OptionalLong current() {
        long value = current.get();
        if (!feed.live()) {
            return OptionalLong.empty();
        }
        if (value == UNKNOWN) {
            load();
            return OptionalLong.empty();
        }
        return OptionalLong.of(value);
    }

    /** The listed videos changed (committed): retire the cached answers shortly. */
    public void indexChanged() {
        if (raisePending.compareAndSet(false, true)) {
            vertx.setTimer(delayMillis, id -> raise());
        }
    }

    private void raise() {
        // Changes committed from here on schedule the next raise.
        raisePending.set(false);
        counter.incr(KEY)
                .call(value -> {
                    learn(value);
                    return feed.publish(TOPIC, Long.toString(value));
                })
                .subscribe().with(value -> { }, failure -> {
                    // Answers cached under the old generation live on until their TTL.
                    LOG.warnf("could not raise the search index generation: %s", failure.toString());
                    current.set(UNKNOWN);
                });
    }

    private void load() {
        if (!loading.compareAndSet(false, true)) {
            return;
        }
        counter.get(KEY).subscribe().with(value -> {
            learn(value == null ? 0 : value);
            loading.set(false);
        }, failure -> loading.set(false));
    }

    /** Tells {@code listener} each new generation this replica learns (not the first one it reads). */
    public void onRaise(LongConsumer listener) {
        raised.add(listener);
    }

    private void learn(long value) {
        long before = current.getAndAccumulate(value, Math::max);
        if (before != UNKNOWN && value > before) {
            raised.forEach(listener -> listener.accept(value));
        }
    }

    @Override
    public void changed(String key) {
        try {
            learn(Long.parseLong(key));
        } catch (NumberFormatException e) {
            LOG.warnf("ignoring a search index generation that is not a number: %s", key);
        }
    }

    @Override
    public void gap() {
        current.set(UNKNOWN);
    }
}
