package dev.videoplatform.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoplatform.cli.config.CliSettings;
import dev.videoplatform.cli.config.ConfigDir;
import dev.videoplatform.cli.exit.CliException;
import dev.videoplatform.cli.exit.ExitCode;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The signed-in session in the config directory: login, logout, and access tokens that are
 * refreshed with the refresh token when they expire (or when the server says 401).
 */
@Singleton
public class Sessions {

    private final Http http;
    private final ConfigDir config;
    private final CliSettings settings;
    private final Clock clock = Clock.systemUTC();

    public Sessions(Http http, ConfigDir config, CliSettings settings) {
        this.http = http;
        this.config = config;
        this.settings = settings;
    }

    public StoredSession login(String usernameOrEmail, String password) {
        TokenAnswer answer = tokens("/v1/users:login", Map.of("usernameOrEmail", usernameOrEmail, "password", password));
        StoredSession session = answer.toSession(settings.server());
        config.write(StoredSession.FILE, session);
        return session;
    }

    /** The session for the current server, if signed in to it. */
    public Optional<StoredSession> current() {
        return config.read(StoredSession.FILE, StoredSession.class).filter(s -> settings.server().equals(s.server()));
    }

    /** The current session, or exit code 3 with a hint. */
    public StoredSession required() {
        return current().orElseThrow(() -> new CliException(ExitCode.NOT_SIGNED_IN,
                "not signed in to " + settings.server() + ": run `vp login` first"));
    }

    /** An access token that is not about to expire, refreshed first if it is; empty when not signed in. */
    public Optional<String> accessToken() {
        Optional<StoredSession> session = current();
        if (session.isPresent() && !session.get().accessTokenFresh(clock.instant())) {
            return Optional.of(refresh(session.get()).accessToken());
        }
        return session.map(StoredSession::accessToken);
    }

    /** A new access token after the server refused the current one; exit code 3 when the session is over. */
    public String refreshAfterRejection() {
        return refresh(required()).accessToken();
    }

    /** Ends the session on the server (best effort: an unreachable server or dead token still signs out here). */
    public Optional<StoredSession> logout() {
        Optional<StoredSession> session = current();
        session.ifPresent(s -> {
            try {
                http.exchange(http.request("/v1/users:logout").header("Authorization", "Bearer " + s.accessToken())
                        .POST(http.body(Map.of("refreshToken", s.refreshToken()))).build());
            } catch (CliException alreadyInvalid) {
                // the local session ends anyway
            }
            config.delete(StoredSession.FILE);
        });
        return session;
    }

    private StoredSession refresh(StoredSession session) {
        TokenAnswer answer;
        try {
            answer = tokens("/v1/users:refresh", Map.of("refreshToken", session.refreshToken()));
        } catch (ApiException e) {
            if (e.status() / 100 == 4) {
                config.delete(StoredSession.FILE);
                throw new CliException(ExitCode.NOT_SIGNED_IN, "the session has ended (" + e.getMessage()
                        + "): run `vp login` again", e);
            }
            throw e;
        }
        StoredSession renewed = answer.toSession(session.server());
        config.write(StoredSession.FILE, renewed);
        return renewed;
    }

    private TokenAnswer tokens(String path, Map<String, String> body) {
        JsonNode answer = http.exchange(http.request(path).header("Content-Type", "application/json")
                .POST(http.body(body)).build());
        return http.json().convertValue(answer, TokenAnswer.class);
    }
}
