package dev.videoplatform.platform.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How access tokens are verified. Exactly one key source: a JWKS URL or a PEM public key. */
@ConfigMapping(prefix = "videoplatform.auth")
public interface AuthConfig {

    /** Expected {@code iss} claim. */
    @WithDefault("https://videoplatform.dev")
    String issuer();

    /** Expected {@code aud} claim. */
    @WithDefault("videoplatform")
    String audience();

    /** user-service's JWKS ({@code http://user:8080/.well-known/jwks.json}); keys are picked by {@code kid}. */
    Optional<String> jwksUrl();

    /** A PEM (or JWK) public key location ({@code file:}, {@code classpath:}), instead of a JWKS URL. */
    Optional<String> publicKeyLocation();

    /** How often the JWKS is fetched again, so that key rotation is picked up. */
    @WithDefault("10m")
    Duration jwksRefresh();

    /** Leeway for {@code exp}/{@code iat} between machines' clocks. */
    @WithDefault("30s")
    Duration clockSkew();
}
