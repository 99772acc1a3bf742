package dev.videoplatform.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.probe.v1.ProbeServiceGrpc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceTokensTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static ServiceTokens tokens(Clock clock) {
        return new ServiceTokens(Optional.of(ServiceTokens.decodeKey(KEY)), "streaming-service", 300, 30, clock);
    }

    @Test
    void aTokenIsReusedUntilFourFifthsOfItsLifeThenReplaced() {
        HandClock clock = new HandClock();
        ServiceTokens tokens = tokens(clock);
        String first = tokens.tokenFor("upload").orElseThrow();
        clock.now = clock.now.plus(Duration.ofSeconds(239));
        assertEquals(first, tokens.tokenFor("upload").orElseThrow());
        assertNotEquals(first, tokens.tokenFor("user").orElseThrow(), "one token per audience");
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertNotEquals(first, tokens.tokenFor("upload").orElseThrow());
    }

    @Test
    void aMintedTokenNamesTheServiceAndVerifiesOnlyForItsAudience() {
        ServiceTokens tokens = tokens(Clock.systemUTC());
        String token = tokens.tokenFor("upload").orElseThrow();
        Caller caller = tokens.verify(token, "upload");
        assertEquals("streaming-service", caller.serviceName());
        assertNull(caller.userId());
        assertThrows(DomainException.class, () -> tokens.verify(token, "user"));
    }

    @Test
    void withoutAKeyNothingIsMintedAndNothingVerifies() {
        ServiceTokens keyless = new ServiceTokens(Optional.empty(), "streaming-service", 300, 30, Clock.systemUTC());
        String valid = tokens(Clock.systemUTC()).tokenFor("upload").orElseThrow();
        assertEquals(Optional.empty(), keyless.tokenFor("upload"));
        assertThrows(DomainException.class, () -> keyless.verify(valid, "upload"));
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        assertThrows(IllegalStateException.class, () -> ServiceTokens.decodeKey(Base64.getEncoder().encodeToString(new byte[31])));
    }

    @Test
    void theAudienceIsTheCalledServicesPackage() {
        assertEquals("probe", ServiceTokens.audienceOf(ProbeServiceGrpc.getInternalEchoMethod()));
        assertEquals("upload", ServiceTokens.audienceOf(ProbeServiceGrpc.getInternalEchoMethod().toBuilder()
                .setFullMethodName("videoplatform.upload.v1.VideoService/GetVideoForPlayback").build()));
    }
}
