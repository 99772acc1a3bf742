package dev.videoplatform.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.probe.v1.EchoResponse;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProtoCacheTest {

    @Inject
    ReactiveRedisDataSource redis;

    private ProtoCache<EchoResponse> cache() {
        return new ProtoCache<>(redis, "test:echo:" + UUID.randomUUID() + ":", Duration.ofMinutes(1), EchoResponse.parser());
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
}
