package dev.videoplatform.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import dev.videoplatform.platform.ratelimit.RateLimiter;
import dev.videoplatform.probe.v1.EchoRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RateLimitTest {

    @Inject
    RateLimiter limiter;

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
            // HEAVY is configured to 3 per 2 s for this test application.
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
            assertTrue(allowed >= 1 && allowed <= 3, "allowed " + allowed + " of a budget of 3");
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
}
