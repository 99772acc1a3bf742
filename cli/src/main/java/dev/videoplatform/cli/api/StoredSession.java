package dev.videoplatform.cli.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code session.json}: who is signed in to which server, with the tokens of that session. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredSession(String server, String userId, String username, List<String> roles, String accessToken,
        Instant accessTokenExpiresAt, String refreshToken, Instant refreshTokenExpiresAt) {

    public static final String FILE = "session.json";

    /** The access token is used until this close to its expiry, then refreshed first. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    boolean accessTokenFresh(Instant now) {
        return accessTokenExpiresAt == null || now.plus(EXPIRY_MARGIN).isBefore(accessTokenExpiresAt);
    }
}
