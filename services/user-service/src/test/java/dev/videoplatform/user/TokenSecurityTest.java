package dev.videoplatform.user;

import static dev.videoplatform.user.UserClient.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.user.v1.ListSubscriptionsRequest;
import dev.videoplatform.user.v1.User;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tokens that must not work: forged, expired, for another audience; and the JWKS that makes real ones work. */
@QuarkusTest
class TokenSecurityTest {

    private UserClient client;

    @org.junit.jupiter.api.BeforeEach
    void open() {
        client = new UserClient();
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static PrivateKey serviceKey() throws Exception {
        String pem = Files.readString(Path.of("target/test-jwt-signing-key.pem"));
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static String kid() throws Exception {
        String jwks = jwks();
        int at = jwks.indexOf("\"kid\":\"") + 7;
        return jwks.substring(at, jwks.indexOf('"', at));
    }

    private static String jwks() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/.well-known/jwks.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static String token(PrivateKey key, String kid, String subject, String audience, Instant expiresAt) {
        return Jwt.issuer("https://videoplatform.dev").audience(audience).subject(subject).groups(Set.of("user"))
                .issuedAt(expiresAt.minusSeconds(900)).expiresAt(expiresAt).jws().keyId(kid).sign(key);
    }

    private void assertRefused(String subject, String token) {
        assertStatus(Status.Code.UNAUTHENTICATED, "INVALID_TOKEN", () -> client.as(token)
                .listSubscriptions(ListSubscriptionsRequest.newBuilder().setUserId(subject).build()));
    }

    @Test
    void theJwksPublishesOneRs256Key() throws Exception {
        String jwks = jwks();
        assertTrue(jwks.contains("\"kty\":\"RSA\"") && jwks.contains("\"alg\":\"RS256\""), jwks);
        assertTrue(!jwks.contains("\"d\""), "no private part is published");
    }

    @Test
    void aTokenSignedByTheServiceKeyWorks() throws Exception {
        User user = client.register(UserClient.uniqueName("tok"));
        String valid = token(serviceKey(), kid(), user.getUserId(), "videoplatform", Instant.now().plusSeconds(300));
        assertEquals(0, client.as(valid).listSubscriptions(ListSubscriptionsRequest.newBuilder()
                .setUserId(user.getUserId()).build()).getSubscriptionsCount());
    }

    @Test
    void forgedExpiredAndWrongAudienceTokensAreRefused() throws Exception {
        User user = client.register(UserClient.uniqueName("bad"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey rogue = generator.generateKeyPair().getPrivate();
        assertRefused(user.getUserId(), token(rogue, kid(), user.getUserId(), "videoplatform", Instant.now().plusSeconds(300)));
        assertRefused(user.getUserId(), token(serviceKey(), kid(), user.getUserId(), "videoplatform",
                Instant.now().minusSeconds(120)));
        assertRefused(user.getUserId(), token(serviceKey(), kid(), user.getUserId(), "another-api",
                Instant.now().plusSeconds(300)));
        assertStatus(Status.Code.UNAUTHENTICATED, "TOKEN_MISSING", () -> client.anonymous()
                .listSubscriptions(ListSubscriptionsRequest.newBuilder().setUserId(user.getUserId()).build()));
    }
}
