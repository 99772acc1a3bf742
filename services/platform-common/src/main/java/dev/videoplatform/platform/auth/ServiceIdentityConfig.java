package dev.videoplatform.platform.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The platform-wide key services sign their own short-lived tokens with, for internal RPCs
 * (env {@code VIDEOPLATFORM_SERVICE_IDENTITY_KEY}; the operator keeps it in the platform Secret).
 * Without a key a service can neither call nor answer internal RPCs: they are refused.
 */
@ConfigMapping(prefix = "videoplatform.service-identity")
public interface ServiceIdentityConfig {

    /** Base64 HMAC-SHA256 key, at least 32 bytes, the same for every service. */
    Optional<String> key();

    /** This service's name, the {@code sub} of the tokens it mints. */
    @WithDefault("${quarkus.application.name}")
    String name();

    /** How long a minted token is valid; it is replaced after 80 % of that. */
    @WithDefault("5m")
    Duration tokenLifetime();
}
