package dev.videoplatform.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.videoplatform.devstack.PackagedService;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.UserUpdated;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.user.v1.LoginResponse;
import dev.videoplatform.user.v1.User;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service (the jar here, the native executable in CI's native job) on the devstack:
 * what a native image breaks first — protobuf over gRPC, token signing, the JWKS JSON, the outbox
 * to Kafka, health and metrics.
 */
@QuarkusIntegrationTest
class PackagedUserServiceIT {

    private final PackagedService service = new PackagedService();
    private final UserClient users = new UserClient();

    @AfterEach
    void close() {
        users.close();
        service.close();
    }

    @Test
    void registersLogsInAndPublishesTheNewAccount() {
        String name = UserClient.uniqueName("packaged");
        User registered = users.register(name);
        LoginResponse login = users.login(name);
        assertEquals(registered.getUserId(), login.getUser().getUserId());
        assertFalse(login.getAccessToken().isEmpty());

        List<EventEnvelope> events = KafkaProbe.collect("user.updated",
                e -> EventEnvelopes.payload(e, UserUpdated.class).getUserId().equals(registered.getUserId()),
                Duration.ofMillis(100), Duration.ofSeconds(20));
        assertEquals(name, EventEnvelopes.payload(events.get(0), UserUpdated.class).getUsername());
        service.assertRpcTimed("Login");
    }

    @Test
    void servesItsJwksAsJsonAndIsReady() {
        HttpResponse<String> jwks = service.get("/.well-known/jwks.json");
        assertEquals(200, jwks.statusCode());
        assertEquals("RSA", new JsonObject(jwks.body()).getJsonArray("keys").getJsonObject(0).getString("kty"));
        service.assertReady();
    }
}
