package dev.videoplatform.comment;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TestServiceIdentity;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real user-service and upload-service (their packaged applications, as processes) that
 * comment-service calls. upload-service trusts the test identity's tokens, as comment-service
 * does, so one token acts for a user on both.
 */
public class PlatformServices implements QuarkusTestResourceLifecycleManager {

    static volatile ServiceProcess users;
    static volatile ServiceProcess uploads;

    @Override
    public Map<String, String> start() {
        try {
            Devstack stack = Devstack.shared();
            DevstackSettings settings = stack.settings();
            stack.createDatabase("users");
            stack.createDatabase("videos");
            Map<String, String> user = new HashMap<>(settings.quarkusConfig("users"));
            user.put("videoplatform.user.signing-key.location", Path.of("target", "comment-test-user-key.pem").toAbsolutePath().toString());
            user.put("videoplatform.user.signing-key.generate-if-missing", "true");
            user.put("videoplatform.page-token.secret", "comment-test");
            user.put("videoplatform.rate-limit.enabled", "false");
            users = ServiceProcess.start(Path.of("..", "user-service", "target", "quarkus-app", "quarkus-run.jar"), user,
                    Path.of("target", "user-service.log"));

            Map<String, String> upload = new HashMap<>(settings.quarkusConfig("videos"));
            upload.put("videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl());
            upload.put("videoplatform.service-identity.key", TestServiceIdentity.key());
            upload.put("videoplatform.page-token.secret", "comment-test");
            upload.put("videoplatform.upload.url-secret", "comment-test");
            upload.put("videoplatform.blob.root", Path.of("target", "upload-blobs").toAbsolutePath().toString());
            upload.put("videoplatform.rate-limit.enabled", "false");
            upload.put("quarkus.grpc.clients.user.host", "127.0.0.1");
            upload.put("quarkus.grpc.clients.user.port", Integer.toString(users.port()));
            uploads = ServiceProcess.start(Path.of("..", "upload-service", "target", "quarkus-app", "quarkus-run.jar"), upload,
                    Path.of("target", "upload-service.log"));

            String userPort = Integer.toString(users.port());
            String uploadPort = Integer.toString(uploads.port());
            return Map.of("quarkus.grpc.clients.user.host", "127.0.0.1", "quarkus.grpc.clients.user.port", userPort,
                    "quarkus.grpc.clients.user.test-port", userPort,
                    "quarkus.grpc.clients.upload.host", "127.0.0.1", "quarkus.grpc.clients.upload.port", uploadPort,
                    "quarkus.grpc.clients.upload.test-port", uploadPort);
        } catch (Exception e) {
            throw new IllegalStateException("could not start user-service and upload-service", e);
        }
    }

    @Override
    public void stop() {
        if (uploads != null) {
            uploads.close();
        }
        if (users != null) {
            users.close();
        }
    }
}
