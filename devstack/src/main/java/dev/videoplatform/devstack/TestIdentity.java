package dev.videoplatform.devstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What user-service is to every other service, for their tests: an RS256 key, its JWKS served on
 * 127.0.0.1, and access tokens for any user. One per JVM; the key travels through a file named
 * in a system property so that every class loader of a Quarkus test sees the same one.
 */
public final class TestIdentity {

    public static final String ISSUER = "https://videoplatform.dev";
    public static final String AUDIENCE = "videoplatform";
    private static final String KEY_PROPERTY = "videoplatform.test-identity.key-file";
    private static final String JWKS_PROPERTY = "videoplatform.test-identity.jwks-url";
    private static final String KID = "test-identity";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final RSAPrivateCrtKey key;
    private final String jwksUrl;

    private TestIdentity(RSAPrivateCrtKey key, String jwksUrl) {
        this.key = key;
        this.jwksUrl = jwksUrl;
    }

    public static synchronized TestIdentity shared() {
        try {
            String keyFile = System.getProperty(KEY_PROPERTY);
            if (keyFile == null) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Path file = Files.createTempFile("videoplatform-test-identity", ".der");
                file.toFile().deleteOnExit();
                Files.write(file, pair.getPrivate().getEncoded());
                RSAPrivateCrtKey key = (RSAPrivateCrtKey) pair.getPrivate();
                System.setProperty(JWKS_PROPERTY, serveJwks(key));
                System.setProperty(KEY_PROPERTY, file.toString());
                keyFile = file.toString();
            }
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(Path.of(keyFile))));
            return new TestIdentity(key, System.getProperty(JWKS_PROPERTY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String jwksUrl() {
        return jwksUrl;
    }

    /** A token as user-service would issue it. */
    public String token(String userId, Set<String> roles) {
        return token(userId, roles, Duration.ofMinutes(15));
    }

    public String token(String userId, Set<String> roles, Duration ttl) {
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}";
        String groups = roles.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + userId
                + "\",\"groups\":[" + groups + "],\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                + now.plus(ttl).getEpochSecond() + "}";
        String signingInput = B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String serveJwks(RSAPrivateCrtKey key) throws IOException {
        byte[] jwks = ("{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KID
                + "\",\"n\":\"" + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent())
                + "\"}]}").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "test-identity-stop"));
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64URL.encodeToString(bytes);
    }
}
