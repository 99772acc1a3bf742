package dev.videoplatform.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.PlatformProcesses;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.user.v1.LoginRequest;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Production logs: the packaged service in the prod profile writes one JSON object per line, and a
 * line logged while serving a request carries that request's OpenTelemetry trace and span ids.
 */
class JsonLogsIT {

    @Test
    void aLineLoggedDuringARequestIsJsonWithTheRequestsTraceId() throws Exception {
        // A listed admin's first login logs the grant, inside the Login call's span.
        String admin = "jsonlogs" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ServiceProcess users = PlatformProcesses.userService(Map.of(ServiceProcess.JSON_LOGS, "true",
                "videoplatform.user.admins", admin));
        try (users) {
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", users.port()).usePlaintext().build();
            try {
                UserServiceGrpc.UserServiceBlockingStub stub = UserServiceGrpc.newBlockingStub(channel);
                stub.register(RegisterRequest.newBuilder().setUsername(admin).setEmail(admin + "@example.com")
                        .setPassword(UserClient.PASSWORD).build());
                stub.login(LoginRequest.newBuilder().setUsernameOrEmail(admin).setPassword(UserClient.PASSWORD).build());
            } finally {
                channel.shutdownNow();
            }
        }

        List<String> lines = Files.readAllLines(users.log()).stream().filter(line -> !line.isBlank()).toList();
        assertFalse(lines.isEmpty(), "the service logged nothing");
        List<JsonObject> records = lines.stream().map(JsonObject::new).toList();
        JsonObject grant = records.stream()
                .filter(record -> record.getString("message", "").contains("granted the admin role to " + admin))
                .findFirst().orElseThrow(() -> new AssertionError("no grant logged:\n" + String.join("\n", lines)));
        assertEquals("INFO", grant.getString("level"));
        JsonObject mdc = grant.getJsonObject("mdc");
        assertTrue(mdc != null && mdc.getString("traceId", "").matches("[0-9a-f]{32}"), "trace id: " + grant);
        assertTrue(mdc.getString("spanId", "").matches("[0-9a-f]{16}"), "span id: " + grant);
    }
}
