package dev.videoplatform.platform.cache;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Tells every replica what changed, so that what they keep in memory (near caches, the suspended
 * users) can follow: one Redis pub/sub subscription per replica, shared by every topic, carrying
 * {@code topic + "\n" + key} messages.
 *
 * <p>Pub/sub delivers at most once, so the feed watches itself: each replica publishes a
 * heartbeat every {@link CacheConfig#heartbeat()} and must hear one back within three. A
 * subscription that ends or fails (a cut connection, a Redis restart) or goes quiet is a
 * <em>gap</em>: every listener is told (and drops or stops trusting its copy) and the feed
 * subscribes again. While the feed is not {@link #live()}, memory copies must not be served. A
 * message is thus delivered, or its loss is noticed at once (a cut) or within four heartbeats
 * (a silent loss, which TCP makes rare).
 */
@ApplicationScoped
public class ChangeFeed {

    /** What a listener hears about its topic. */
    public interface Listener {
        /** {@code key} changed somewhere (on this replica too). */
        void changed(String key);

        /** Messages may have been lost: forget what was learnt from the feed. */
        void gap();
    }

    static final String CHANNEL = "vp:changes";
    private static final String HEARTBEAT = "";
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(2);

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final String replica = UUID.randomUUID().toString();
    private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
    private final long heartbeatNanos;
    private volatile long heardAt;
    private final AtomicLong attempts = new AtomicLong();
    private final long timer;
    private volatile RedisConnection subscription;
    private volatile boolean live;
    private volatile boolean subscribing;
    private volatile boolean stopped;

    public ChangeFeed(ReactiveRedisDataSource redis, Vertx vertx, CacheConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.heartbeatNanos = config.heartbeat().toNanos();
        subscribe();
        this.timer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> beat());
    }

    /** Registers {@code listener} for changes published under {@code topic}. */
    public void listen(String topic, Listener listener) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** Whether every message published since the last gap has been (or will be) delivered. */
    public boolean live() {
        return live;
    }

    /** Tells every replica (this one included) that {@code key} of {@code topic} changed. */
    public Uni<Void> publish(String topic, String key) {
        return redis.pubsub(String.class).publish(CHANNEL, topic + "\n" + key)
                .onFailure().invoke(failure -> LOG.warnf("change of %s%s not published: %s", topic, key, failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * A connection of its own, its handlers set before SUBSCRIBE is sent: the reply and the first
     * messages cannot arrive before anyone listens (they can with the data source's subscriber
     * when it is called off the connection's event loop).
     */
    private synchronized void subscribe() {
        if (stopped || subscribing) {
            return;
        }
        subscribing = true;
        long attempt = attempts.incrementAndGet();
        redis.getRedis().connect()
                .onItem().transformToUni(connection -> {
                    connection.handler(message -> pushed(attempt, connection, message));
                    connection.endHandler(() -> lost(attempt, "subscription ended"));
                    connection.exceptionHandler(failure -> lost(attempt, "subscription failed: " + failure.getMessage()));
                    return connection.send(Request.cmd(Command.SUBSCRIBE).arg(CHANNEL)).replaceWith(connection)
                            .onFailure().call(connection::close);
                })
                // An answer that never comes must not stop the feed from trying again.
                .ifNoItem().after(SUBSCRIBE_TIMEOUT).fail()
                .subscribe().with(connection -> subscribed(attempt, connection), failure -> failed(attempt, failure));
    }

    private synchronized void failed(long attempt, Throwable failure) {
        if (attempt == attempts.get() && !live) {
            subscribing = false;
            LOG.warnf("change feed unavailable, memory copies are bypassed: %s", failure.getMessage());
        }
    }

    /** Pushes on the subscribed connection: the subscription's confirmation, then messages. */
    private void pushed(long attempt, RedisConnection connection, Response push) {
        if (push.size() == 3 && "subscribe".equalsIgnoreCase(push.get(0).toString())) {
            subscribed(attempt, connection);
        } else if (push.size() == 3 && "message".equalsIgnoreCase(push.get(0).toString())) {
            received(push.get(2).toString());
        }
    }

    private synchronized void subscribed(long attempt, RedisConnection connection) {
        if (subscription == connection) {
            return; // confirmed twice: by the push and by the reply to SUBSCRIBE
        }
        if (attempt != attempts.get() || stopped) {
            connection.close().subscribe().with(ok -> { }, failure -> { });
            return;
        }
        subscription = connection;
        subscribing = false;
        // Whatever was learnt before this subscription may have missed messages.
        gap();
        heardAt = System.nanoTime();
        live = true;
        LOG.info("change feed subscribed: memory copies are served");
    }

    private void received(String message) {
        int split = message.indexOf('\n');
        if (split < 0) {
            return;
        }
        String topic = message.substring(0, split);
        String key = message.substring(split + 1);
        if (topic.equals(HEARTBEAT)) {
            if (key.equals(replica)) {
                heardAt = System.nanoTime();
            }
            return;
        }
        List<Listener> interested = listeners.get(topic);
        if (interested != null) {
            interested.forEach(listener -> listener.changed(key));
        }
    }

    /**
     * Every heartbeat: has one of ours been heard lately? If not, the feed has a gap. Three
     * intervals of slack, so a busy replica (or Redis) does not turn its caches off for nothing.
     */
    private void beat() {
        if (!live) {
            subscribe();
            return;
        }
        if (System.nanoTime() - heardAt > 3 * heartbeatNanos) {
            lost(attempts.get(), "no heartbeat heard back for " + (System.nanoTime() - heardAt) / 1_000_000 + " ms");
            return;
        }
        redis.pubsub(String.class).publish(CHANNEL, HEARTBEAT + "\n" + replica)
                .subscribe().with(ok -> { }, failure -> { });
    }

    private synchronized void lost(long attempt, String why) {
        if (stopped || attempt != attempts.get()) {
            return;
        }
        if (live) {
            LOG.warnf("change feed gap (%s): memory copies are bypassed until it is back", why);
        }
        live = false;
        gap();
        RedisConnection old = subscription;
        subscription = null;
        subscribing = false;
        attempts.incrementAndGet();
        if (old != null) {
            old.close().subscribe().with(ok -> { }, failure -> { });
        }
    }

    private void gap() {
        listeners.values().forEach(list -> list.forEach(Listener::gap));
    }

    /** Unsubscribes and stops the heartbeat (at shutdown; tests standing in for another replica call it). */
    @PreDestroy
    public synchronized void stop() {
        stopped = true;
        live = false;
        vertx.cancelTimer(timer);
        RedisConnection current = subscription;
        subscription = null;
        if (current != null) {
            current.close().subscribe().with(ok -> { }, failure -> { });
        }
    }
}
