package dev.videoplatform.user.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

@ConfigMapping(prefix = "videoplatform.user")
public interface UserServiceConfig {

    SigningKey signingKey();

    /** Lifetime of access tokens. */
    @WithDefault("15m")
    Duration accessTokenTtl();

    /** Lifetime of refresh tokens (each use rotates the token, the family keeps this horizon per token). */
    @WithDefault("30d")
    Duration refreshTokenTtl();

    Argon2 argon2();

    /**
     * Usernames of the platform's administrators (the first admin's bootstrap): these accounts
     * get the admin role when user-service starts and at their next login or token refresh.
     * List only accounts that already exist: whoever registers a listed name first becomes admin.
     */
    Optional<Set<String>> admins();

    Login login();

    /** How long GetUser answers stay in Redis (they are also dropped on every change). */
    @WithDefault("5m")
    Duration cacheTtl();

    interface SigningKey {
        /** PKCS#8 PEM file with the RSA private key (a Kubernetes Secret mounted as a file). */
        String location();

        /** Local runs only: create the key file when it does not exist. Never in production. */
        @WithDefault("false")
        boolean generateIfMissing();

        /** The JWT {@code kid}; defaults to the key's RFC 7638 thumbprint. */
        Optional<String> keyId();
    }

    /** Argon2id cost; defaults are OWASP's recommendation (19 MiB, 2 passes, 1 lane). */
    interface Argon2 {
        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();

        /** Hashes computed at once; more wait. Bounds memory (memoryKib each) and CPU. */
        @WithDefault("2")
        int concurrency();
    }

    interface Login {
        /** Failed logins on one account within the window before it is locked. */
        @WithDefault("5")
        int maxFailuresPerAccount();

        /** Failed logins from one client address within the window before it is locked. */
        @WithDefault("50")
        int maxFailuresPerAddress();

        @WithDefault("15m")
        Duration failureWindow();

        /** First lock-out; each further failure doubles it, up to maxLockout. */
        @WithDefault("30s")
        Duration baseLockout();

        @WithDefault("1h")
        Duration maxLockout();
    }
}
