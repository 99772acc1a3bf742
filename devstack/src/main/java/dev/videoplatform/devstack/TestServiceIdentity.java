package dev.videoplatform.devstack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform's service-identity key for tests, and service tokens as a service would mint
 * them (HS256, issuer {@value #ISSUER}, roles [service]), written independently of
 * platform-common so tests check the format rather than echo it. One key per JVM, kept in a
 * system property so that every class loader of a Quarkus test sees the same one.
 */
public final class TestServiceIdentity {

    public static final String ISSUER = "urn:videoplatform:service";
    private static final String KEY_PROPERTY = "videoplatform.test-identity.service-key";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private TestServiceIdentity() {
    }

    /** The shared key, base64, as {@code videoplatform.service-identity.key} takes it. */
    public static synchronized String key() {
        String key = System.getProperty(KEY_PROPERTY);
        if (key == null) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            key = Base64.getEncoder().encodeToString(bytes);
            System.setProperty(KEY_PROPERTY, key);
        }
        return key;
    }

    /** A token of {@code service} for calls to {@code audience}, valid for five minutes. */
    public static String token(String service, String audience) {
        return token(service, audience, Duration.ofMinutes(5), key(), "HS256");
    }

    /**
     * A token with any lifetime (negative: already expired), signing key (base64) and {@code alg}
     * header, for checking that bad ones are refused. The signature is HMAC-SHA256 whatever
     * {@code alg} says; with {@code alg} "none" it is left out.
     */
    public static String token(String service, String audience, Duration ttl, String base64Key, String alg) {
        Instant now = Instant.now();
        Instant issued = ttl.isNegative() ? now.plus(ttl).minusSeconds(60) : now;
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + service + "\",\"aud\":\"" + audience
                + "\",\"roles\":[\"service\"],\"iat\":" + issued.getEpochSecond() + ",\"exp\":"
                + now.plus(ttl).getEpochSecond() + "}";
        String signingInput = B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        if (alg.equals("none")) {
            return signingInput + ".";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
            return signingInput + "." + B64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
