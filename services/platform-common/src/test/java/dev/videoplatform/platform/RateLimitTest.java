package dev.videoplatform.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import dev.videoplatform.platform.grpc.MethodPolicy;
import dev.videoplatform.platform.ratelimit.RateLimitConfig;
import dev.videoplatform.platform.ratelimit.RateLimiter;
import dev.videoplatform.probe.v1.EchoRequest;
import dev.videoplatform.probe.v1.ProbeServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RateLimitTest {

    /** The HEAVY budget of the test application (3 per 2 s). */
    private static final int HEAVY_BUDGET = 3;

    @Inject
    RateLimiter limiter;

    /** A Redis client of its own (own connections), as a second replica of the service would have. */
    @Inject
    @RedisClientName("replica")
    ReactiveRedisDataSource replicaRedis;

    @Inject
    Vertx vertx;

    @Inject
    RateLimitConfig config;

    @Test
    void theLimiterAllowsNThenRefusesThenRecoversWithTheWindow() throws InterruptedException {
        String subject = "test:" + UUID.randomUUID();
        Duration window = Duration.ofMillis(1500);
        // Start at a fresh window so the N requests cannot straddle two windows.
        RateLimiter.Decision first = limiter.acquire(subject + ":probe", 1, window).await().indefinitely();
        Thread.sleep(first.retryAfter().toMillis() + 20);
        for (int i = 1; i <= 5; i++) {
            RateLimiter.Decision decision = limiter.acquire(subject, 5, window).await().indefinitely();
            assertTrue(decision.allowed(), "request " + i + " of 5 is allowed");
        }
        RateLimiter.Decision refused = limiter.acquire(subject, 5, window).await().indefinitely();
        assertFalse(refused.allowed(), "request 6 of 5 is refused");
        assertTrue(refused.retryAfter().compareTo(Duration.ZERO) > 0 && refused.retryAfter().compareTo(window) <= 0,
                "retry-after " + refused.retryAfter() + " lies within the window");
        Thread.sleep(refused.retryAfter().toMillis() + 20);
        assertTrue(limiter.acquire(subject, 5, window).await().indefinitely().allowed(), "a new window admits again");
    }

    @Test
    void theInterceptorAnswersResourceExhaustedWithRetryInfo() throws Exception {
        ManagedChannel channel = ProbeClient.channel();
        try {
            // HEAVY is configured to 3 per 2 s for this test application; other tests spend it too.
            awaitFreshWindow(Duration.ofSeconds(2));
            int allowed = 0;
            StatusRuntimeException refused = null;
            for (int i = 0; i < 10 && refused == null; i++) {
                try {
                    ProbeClient.stub(channel, null).heavy(EchoRequest.getDefaultInstance());
                    allowed++;
                } catch (StatusRuntimeException e) {
                    refused = e;
                }
            }
            assertTrue(refused != null, "the limit was never reached");
            assertTrue(allowed >= 1 && allowed <= 3, "allowed " + allowed + " of a budget of 3, then " + refused.getStatus());
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
            boolean hasRetryInfo = false;
            for (Any any : StatusProto.fromThrowable(refused).getDetailsList()) {
                hasRetryInfo |= any.is(RetryInfo.class);
            }
            assertTrue(hasRetryInfo, "RetryInfo tells the client when to come back");
            Thread.sleep(2100);
            ProbeClient.stub(channel, null).heavy(EchoRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void directCallsRotatingForwardedForShareOneBudget() throws Exception {
        ManagedChannel channel = ProbeClient.channel();
        try {
            awaitFreshWindow(Duration.ofSeconds(2));
            assertEquals(HEAVY_BUDGET, allowedBeforeRefusal(channel, i -> "203.0.113." + i),
                    "a client calling directly is its peer address, whatever x-forwarded-for it writes");
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void throughATrustedProxyTheRightmostEntryIsTheClient() throws Exception {
        // 127.0.0.2 is the trusted proxy of the test application.
        ManagedChannel proxy = ProbeClient.channelFrom("127.0.0.2");
        try {
            awaitFreshWindow(Duration.ofSeconds(2));
            // Each client behind the proxy has a budget of its own: more calls than one budget pass.
            for (int i = 1; i <= HEAVY_BUDGET + 1; i++) {
                heavy(proxy, "203.0.113.250, 192.0.2." + i);
            }
            String client = "198.51.100." + (1 + (int) (Math.random() * 250));
            assertEquals(HEAVY_BUDGET, allowedBeforeRefusal(proxy, i -> "203.0.113." + i + ", " + client),
                    "the left-most entries are the client's own writing and change nothing");
        } finally {
            proxy.shutdownNow();
        }
    }

    @Test
    void twoReplicasTakingTurnsShareOneBudget() throws InterruptedException {
        RateLimiter replica = new RateLimiter(replicaRedis, vertx, config);
        String subject = "test:" + UUID.randomUUID();
        Duration window = Duration.ofSeconds(3);
        awaitFreshWindow(window);
        int budget = 5; // a lease of 1: each replica may admit one call Redis has not confirmed
        int allowed = 0;
        for (int i = 0; i < 4 * budget; i++) {
            allowed += (i % 2 == 0 ? limiter : replica).acquire(subject, budget, window).await().indefinitely().allowed() ? 1 : 0;
        }
        assertTrue(allowed >= budget && allowed <= budget + 1, allowed + " allowed of a budget of " + budget + " (+1 lease)");
    }

    @Test
    void twoReplicasUnderConcurrentLoadOvershootByAtMostOneLease() throws InterruptedException {
        RateLimiter replica = new RateLimiter(replicaRedis, vertx, config);
        String subject = "test:" + UUID.randomUUID();
        Duration window = Duration.ofSeconds(5);
        awaitFreshWindow(window);
        int budget = 200; // the default read budget; lease 20 (10 %)
        List<Uni<RateLimiter.Decision>> calls = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            calls.add((i % 2 == 0 ? limiter : replica).acquire(subject, budget, window));
        }
        List<RateLimiter.Decision> decisions = Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(10));
        long allowed = decisions.stream().filter(RateLimiter.Decision::allowed).count();
        assertTrue(allowed >= budget && allowed <= budget + 20, allowed + " allowed of " + budget + " (+ at most one lease of 20)");
        RateLimiter.Decision refused = decisions.stream().filter(d -> !d.allowed()).findFirst().orElseThrow();
        assertTrue(refused.retryAfter().compareTo(Duration.ZERO) > 0 && refused.retryAfter().compareTo(window) <= 0,
                "retry-after " + refused.retryAfter() + " lies within the window");
    }

    @Test
    void healthChecksAreNeverRateLimitedReflectionIs() {
        assertFalse(MethodPolicy.of(HealthGrpc.getCheckMethod()).rateLimited(), "a refused probe would take a healthy replica out");
        assertTrue(MethodPolicy.of(ServerReflectionGrpc.getServerReflectionInfoMethod()).rateLimited());
        assertTrue(MethodPolicy.of(ProbeServiceGrpc.getHeavyMethod()).rateLimited());
    }

    /** Sleeps into the start of a new fixed window, so that a few calls cannot straddle two windows. */
    private void awaitFreshWindow(Duration window) throws InterruptedException {
        RateLimiter.Decision probe = limiter.acquire("test:probe:" + UUID.randomUUID(), 1, window).await().indefinitely();
        Thread.sleep(probe.retryAfter().toMillis() + 20);
    }

    /** Calls HEAVY with the given x-forwarded-for per attempt until refused; how many were allowed. */
    private static int allowedBeforeRefusal(ManagedChannel channel, IntFunction<String> forwardedFor) {
        for (int i = 0; i < 10; i++) {
            try {
                heavy(channel, forwardedFor.apply(i));
            } catch (StatusRuntimeException e) {
                assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
                return i;
            }
        }
        throw new AssertionError("10 calls with a fresh x-forwarded-for each were all allowed");
    }

    private static void heavy(ManagedChannel channel, String forwardedFor) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER), forwardedFor);
        ProbeServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .heavy(EchoRequest.getDefaultInstance());
    }
}
