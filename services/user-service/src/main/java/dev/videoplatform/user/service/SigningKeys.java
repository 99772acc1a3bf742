package dev.videoplatform.user.service;

import dev.videoplatform.user.config.UserServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The RSA key access tokens are signed with, loaded from a PKCS#8 PEM file (a mounted Secret in
 * Kubernetes). Local runs may let it be generated once into {@code .devstack/}. Publishes the
 * public half as a JWKS for Envoy and every service.
 */
@ApplicationScoped
public class SigningKeys {

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;
    private final String jwks;

    public SigningKeys(UserServiceConfig config) {
        UserServiceConfig.SigningKey settings = config.signingKey();
        Path location = Path.of(settings.location());
        try {
            if (!Files.exists(location)) {
                if (!settings.generateIfMissing()) {
                    throw new IllegalStateException("signing key " + location + " does not exist (set "
                            + "videoplatform.user.signing-key.location to the mounted Secret)");
                }
                generate(location);
            }
            this.privateKey = readPrivateKey(Files.readString(location));
            this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing key " + location, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + location + " is not an RSA PKCS#8 key", e);
        }
        this.keyId = settings.keyId().orElseGet(this::thumbprint);
        this.jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + keyId
                + "\",\"n\":\"" + b64(publicKey.getModulus()) + "\",\"e\":\"" + b64(publicKey.getPublicExponent()) + "\"}]}";
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    public String jwks() {
        return jwks;
    }

    /** Writes a new 2048-bit key, readable by its owner only. */
    static void generate(Path location) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
        if (location.getParent() != null) {
            Files.createDirectories(location.getParent());
        }
        Path temporary = Files.createTempFile(location.toAbsolutePath().getParent(), "signing-key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, pem);
        Files.move(temporary, location, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static RSAPrivateCrtKey readPrivateKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** RFC 7638: SHA-256 over the canonical JSON of the required members, base64url. */
    private String thumbprint() {
        String canonical = "{\"e\":\"" + b64(publicKey.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + b64(publicKey.getModulus()) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
