package dev.videoplatform.admin;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TestServiceIdentity;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real user-service and upload-service (their packaged applications, as processes): the
 * owners admin-service asks about users and videos, and which apply its events.
 */
public class OwningServicesResource implements QuarkusTestResourceLifecycleManager {

    static final Path BLOBS = Path.of("target", "test-blobs").toAbsolutePath();
    static volatile ServiceProcess users;
    static volatile ServiceProcess upload;

    @Override
    public Map<String, String> start() {
        try {
            DevstackSettings stack = Devstack.shared().settings();
            Devstack.shared().createDatabase("users");
            Map<String, String> userConfig = new HashMap<>(stack.quarkusConfig("users"));
            userConfig.put("videoplatform.user.signing-key.location", Path.of("target", "user-test-key.pem").toAbsolutePath().toString());
            userConfig.put("videoplatform.user.signing-key.generate-if-missing", "true");
            userConfig.put("videoplatform.page-token.secret", "admin-test");
            userConfig.put("videoplatform.rate-limit.enabled", "false");
            userConfig.put("quarkus.otel.sdk.disabled", "true");
            users = ServiceProcess.start(Path.of("..", "user-service", "target", "quarkus-app", "quarkus-run.jar"), userConfig,
                    Path.of("target", "user-service.log"));

            Devstack.shared().createDatabase("videos");
            Files.createDirectories(BLOBS);
            Map<String, String> uploadConfig = new HashMap<>(stack.quarkusConfig("videos"));
            uploadConfig.put("videoplatform.blob.root", BLOBS.toString());
            uploadConfig.put("videoplatform.page-token.secret", "admin-test");
            uploadConfig.put("videoplatform.upload.url-secret", "admin-test");
            uploadConfig.put("videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl());
            uploadConfig.put("videoplatform.service-identity.key", TestServiceIdentity.key());
            uploadConfig.put("videoplatform.rate-limit.enabled", "false");
            uploadConfig.put("quarkus.otel.sdk.disabled", "true");
            uploadConfig.put("quarkus.grpc.clients.user.host", "127.0.0.1");
            uploadConfig.put("quarkus.grpc.clients.user.port", Integer.toString(users.port()));
            upload = ServiceProcess.start(Path.of("..", "upload-service", "target", "quarkus-app", "quarkus-run.jar"),
                    uploadConfig, Path.of("target", "upload-service.log"));

            String userPort = Integer.toString(users.port());
            String uploadPort = Integer.toString(upload.port());
            // In tests a gRPC client goes to test-port, which otherwise means the app under test.
            return Map.of("quarkus.grpc.clients.user.host", "127.0.0.1", "quarkus.grpc.clients.user.port", userPort,
                    "quarkus.grpc.clients.user.test-port", userPort,
                    "quarkus.grpc.clients.upload.host", "127.0.0.1", "quarkus.grpc.clients.upload.port", uploadPort,
                    "quarkus.grpc.clients.upload.test-port", uploadPort);
        } catch (Exception e) {
            throw new IllegalStateException("could not start user- and upload-service for the admin tests", e);
        }
    }

    @Override
    public void stop() {
        if (upload != null) {
            upload.close();
        }
        if (users != null) {
            users.close();
        }
    }
}
