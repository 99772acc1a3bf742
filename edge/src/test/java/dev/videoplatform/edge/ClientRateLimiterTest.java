package dev.videoplatform.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final ClientRateLimiter limiter = new ClientRateLimiter(2, 3, now::get);

    @Test
    void admitsABurstThenRefillsAtTheRate() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).as("burst token " + i).isTrue();
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();

        now.addAndGet(499_000_000);
        assertThat(limiter.tryAcquire("10.0.0.1")).as("half a token is not a token").isFalse();
        now.addAndGet(2_000_000);
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
    }

    @Test
    void clientsHaveTheirOwnBuckets() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("10.0.0.1");
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
        assertThat(limiter.tryAcquire("10.0.0.2")).isTrue();
    }

    @Test
    void idleTimeDoesNotBankMoreThanTheBurst() {
        now.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
        assertThat(limiter.retryAfterSeconds()).isEqualTo(1);
    }
}
