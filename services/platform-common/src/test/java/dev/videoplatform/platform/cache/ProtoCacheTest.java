package dev.videoplatform.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.probe.v1.EchoResponse;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProtoCacheTest {

    @Inject
    ReactiveRedisDataSource redis;

    /** A Redis client of its own (own connections), as a second replica of the service would have. */
    @Inject
    @RedisClientName("replica")
    ReactiveRedisDataSource replicaRedis;

    @Inject
    ChangeFeed feed;

    @Inject
    CacheConfig config;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    private ProtoCache<EchoResponse> cache() {
        return new ProtoCache<>(redis, "test:echo:" + UUID.randomUUID() + ":", Duration.ofMinutes(1), EchoResponse.parser());
    }

    private static EchoResponse echo(String text) {
        return EchoResponse.newBuilder().setText(text).build();
    }

    /** The value two replicas' caches serve for "a" once loaded from a "database" holding {@code row}. */
    private static Uni<Map<String, EchoResponse>> read(ProtoCache<EchoResponse> cache, AtomicReference<String> row) {
        return cache.getOrLoad(List.of("a"), ids -> Uni.createFrom().item(Map.of("a", echo(row.get()))));
    }

    @Test
    void anUpdateOnOneReplicaIsSeenByTheOtherWithinASecond() throws InterruptedException {
        ChangeFeed replicaFeed = new ChangeFeed(replicaRedis, vertx, config);
        try {
            String prefix = "test:near:" + UUID.randomUUID() + ":";
            ProtoCache<EchoResponse> one = new ProtoCache<>(redis, feed, config, prefix, Duration.ofMinutes(1), EchoResponse.parser());
            ProtoCache<EchoResponse> two = new ProtoCache<>(replicaRedis, replicaFeed, config, prefix, Duration.ofMinutes(1),
                    EchoResponse.parser());
            awaitLive(replicaFeed);
            AtomicReference<String> row = new AtomicReference<>("v1");
            assertEquals("v1", read(one, row).await().indefinitely().get("a").getText());
            assertEquals("v1", read(two, row).await().indefinitely().get("a").getText());
            assertEquals("v1", two.peek("a").getText(), "the second replica holds the record in memory");
            // Replica one commits v2 and drops the record; replica two must stop serving v1 at once.
            row.set("v2");
            long start = System.nanoTime();
            one.invalidate("a").await().indefinitely();
            assertEquals("v2", read(one, row).await().indefinitely().get("a").getText(), "the writer reads its own write");
            while (two.peek("a") != null && System.nanoTime() - start < 1_000_000_000L) {
                Thread.sleep(2);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertNull(two.peek("a"), "the second replica still held v1 after " + millis + " ms");
            assertEquals("v2", read(two, row).await().indefinitely().get("a").getText());
        } finally {
            replicaFeed.stop();
        }
    }

    @Test
    void aBrokenFeedTurnsTheNearCacheOffUntilItIsBack() throws InterruptedException {
        String prefix = "test:near:" + UUID.randomUUID() + ":";
        ProtoCache<EchoResponse> cache = new ProtoCache<>(redis, feed, config, prefix, Duration.ofMinutes(1), EchoResponse.parser());
        awaitLive(feed);
        AtomicReference<String> row = new AtomicReference<>("v1");
        read(cache, row).await().indefinitely();
        assertEquals("v1", cache.peek("a").getText());
        // Every pub/sub connection is cut, as a Redis fail-over or a network fault would.
        redis.execute("CLIENT", "KILL", "TYPE", "pubsub").await().indefinitely();
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (feed.live() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertNull(cache.peek("a"), "nothing is served from memory while changes may be missed");
        awaitLive(feed);
        assertNull(cache.peek("a"), "what was in memory before the gap is gone");
        read(cache, row).await().indefinitely();
        assertEquals("v1", cache.peek("a").getText(), "and the near cache fills again");
    }

    private static void awaitLive(ChangeFeed feed) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!feed.live() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(feed.live(), "the change feed subscribed");
    }

    @Test
    void aMissIsLoadedOnceThenServedFromRedis() {
        ProtoCache<EchoResponse> cache = cache();
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            Map<String, EchoResponse> found = cache.getOrLoad(List.of("a", "missing"), ids -> {
                loads.incrementAndGet();
                return Uni.createFrom().item(ids.contains("a") ? Map.of("a", EchoResponse.newBuilder().setText("v1").build())
                        : Map.of());
            }).await().indefinitely();
            assertEquals("v1", found.get("a").getText());
            assertTrue(!found.containsKey("missing"));
        }
        assertEquals(3, loads.get(), "'missing' is asked for each time, 'a' only the first time");
    }

    @Test
    void aStaleFillAfterADropCannotResurrectTheOldValue() {
        ProtoCache<EchoResponse> cache = cache();
        // A reader loaded v1 just before a writer changed the row to v2 and dropped the entry...
        cache.invalidate("a").await().indefinitely();
        // ...and only now tries to fill the cache with what it read.
        cache.put("a", EchoResponse.newBuilder().setText("v1 (stale)").build()).await().indefinitely();
        Map<String, EchoResponse> found = cache.getOrLoad(List.of("a"),
                ids -> Uni.createFrom().item(Map.of("a", EchoResponse.newBuilder().setText("v2").build())))
                .await().indefinitely();
        assertEquals("v2", found.get("a").getText());
    }

    @Test
    void aReplaceWinsOverATombstoneAndAnEarlierValue() {
        ProtoCache<EchoResponse> cache = cache();
        cache.invalidate("b").await().indefinitely();
        cache.replace("b", EchoResponse.newBuilder().setText("first").build()).await().indefinitely();
        cache.replace("b", EchoResponse.newBuilder().setText("latest").build()).await().indefinitely();
        Map<String, EchoResponse> found = cache.getOrLoad(List.of("b"),
                ids -> Uni.createFrom().failure(new AssertionError("must come from Redis"))).await().indefinitely();
        assertEquals("latest", found.get("b").getText());
    }

    /**
     * Redis refuses the drop (here: a client whose ACL user may only read), so the old entry
     * stays there; this replica must still answer with the new row, not the stale copy.
     */
    @Test
    void aDropRedisRefusedDoesNotLeaveTheOldValueServed() throws Exception {
        String prefix = "test:refused:" + UUID.randomUUID() + ":";
        ProtoCache<EchoResponse> writer = new ProtoCache<>(redis, prefix, Duration.ofMinutes(1), EchoResponse.parser());
        AtomicReference<String> row = new AtomicReference<>("v1");
        assertEquals("v1", read(writer, row).await().indefinitely().get("a").getText());
        String password = UUID.randomUUID().toString();
        redis.execute("ACL", "SETUSER", "cache-reader", "on", ">" + password, "~*", "+@read", "+ping", "+hello")
                .await().indefinitely();
        URI server = URI.create(redisHosts.split(",")[0]);
        var mutinyVertx = io.vertx.mutiny.core.Vertx.newInstance(vertx);
        Redis client = Redis.createClient(mutinyVertx, new RedisOptions()
                .setConnectionString("redis://cache-reader:" + password + "@" + server.getHost() + ":" + server.getPort()));
        try {
            ProtoCache<EchoResponse> readOnly = new ProtoCache<>(
                    new ReactiveRedisDataSourceImpl(mutinyVertx, client, RedisAPI.api(client)), prefix, Duration.ofMinutes(1),
                    EchoResponse.parser());
            row.set("v2");
            readOnly.invalidate("a").await().indefinitely();
            byte[] inRedis = redis.value(byte[].class).get(prefix + "a").await().indefinitely();
            assertEquals("v1", EchoResponse.parseFrom(inRedis).getText(), "the stale entry is still in Redis");
            assertEquals("v2", read(readOnly, row).await().indefinitely().get("a").getText(),
                    "the replica whose drop failed reads past Redis");
        } finally {
            client.close();
            redis.execute("ACL", "DELUSER", "cache-reader").await().indefinitely();
        }
    }
}
