package dev.videoplatform.platform.probe;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** RSA keys and tokens for tests: what user-service does in production, in a few lines. */
public final class TestKeys {

    public static final String ISSUER = "https://videoplatform.dev";
    public static final String AUDIENCE = "videoplatform";
    public static final String KID = "test-key-1";

    private TestKeys() {
    }

    public static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String jwks(RSAPublicKey key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KID + "\",\"n\":\""
                + b64.encodeToString(unsigned(key.getModulus().toByteArray())) + "\",\"e\":\""
                + b64.encodeToString(unsigned(key.getPublicExponent().toByteArray())) + "\"}]}";
    }

    /** The private key {@link JwksTestResource} wrote to {@code file}. */
    public static PrivateKey readPrivateKey(String file) {
        try {
            byte[] der = Base64.getDecoder().decode(Files.readString(Path.of(file)).trim());
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String token(PrivateKey key, String subject, Set<String> roles, String audience, Duration ttl) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).audience(audience).subject(subject).groups(roles)
                .issuedAt(ttl.isNegative() ? now.plus(ttl).minusSeconds(60) : now.minusSeconds(5))
                .expiresAt(now.plus(ttl))
                .jws().keyId(KID).sign(key);
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
