package dev.videoplatform.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videoplatform.platform.cache.CacheConfig;
import dev.videoplatform.platform.cache.ChangeFeed;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SuspendedUsersTest {

    @Inject
    SuspendedUsers suspendedUsers;

    /** A Redis client of its own (own connections), as a second replica of a service would have. */
    @Inject
    @RedisClientName("replica")
    ReactiveRedisDataSource replicaRedis;

    @Inject
    CacheConfig config;

    @Inject
    Vertx vertx;

    @Test
    void aSuspensionReachesAnotherReplicasMemoryWithinASecond() throws InterruptedException {
        ChangeFeed replicaFeed = new ChangeFeed(replicaRedis, vertx, config);
        try {
            SuspendedUsers replica = new SuspendedUsers(replicaRedis, replicaFeed);
            String userId = "user-" + UUID.randomUUID();
            await(() -> Boolean.FALSE.equals(replica.knownNow(userId)), "the second replica mirrors the set");

            suspendedUsers.suspend(userId).await().indefinitely();
            assertEquals(Boolean.TRUE, suspendedUsers.knownNow(userId), "the replica that suspends knows at once");
            await(() -> Boolean.TRUE.equals(replica.knownNow(userId)), "the other replica refuses the user too");

            suspendedUsers.reinstate(userId).await().indefinitely();
            await(() -> Boolean.FALSE.equals(replica.knownNow(userId)), "and admits them again once reinstated");
        } finally {
            replicaFeed.stop();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > 1_000_000_000L) {
                throw new AssertionError("not within 1 s: " + what);
            }
            Thread.sleep(2);
        }
    }
}
