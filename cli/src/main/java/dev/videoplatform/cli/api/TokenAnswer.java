package dev.videoplatform.cli.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** The answer of {@code users:login} and {@code users:refresh}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenAnswer(String accessToken, Instant accessTokenExpiresAt, String refreshToken,
        Instant refreshTokenExpiresAt, Account user) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Account(String userId, String username, List<String> roles) {
    }

    StoredSession toSession(String server) {
        Account account = user == null ? new Account("", "", List.of()) : user;
        return new StoredSession(server, account.userId(), account.username(),
                account.roles() == null ? List.of() : account.roles(), accessToken, accessTokenExpiresAt, refreshToken,
                refreshTokenExpiresAt);
    }
}
