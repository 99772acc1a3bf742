package dev.videoplatform.user.service;

import dev.videoplatform.platform.auth.AuthConfig;
import dev.videoplatform.user.config.UserServiceConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;

/** Issues RS256 access tokens: issuer, audience, subject, roles (as {@code groups}), {@code kid}, short expiry. */
@ApplicationScoped
public class AccessTokens {

    /** A signed token and when it stops being valid. */
    public record Issued(String token, Instant expiresAt) {
    }

    private final SigningKeys keys;
    private final AuthConfig auth;
    private final UserServiceConfig config;

    public AccessTokens(SigningKeys keys, AuthConfig auth, UserServiceConfig config) {
        this.keys = keys;
        this.auth = auth;
        this.config = config;
    }

    public Issued issue(String userId, Set<String> roles) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(config.accessTokenTtl());
        String token = Jwt.issuer(auth.issuer())
                .audience(auth.audience())
                .subject(userId)
                .groups(roles)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .jws().keyId(keys.keyId())
                .sign(keys.privateKey());
        return new Issued(token, expiresAt);
    }
}
