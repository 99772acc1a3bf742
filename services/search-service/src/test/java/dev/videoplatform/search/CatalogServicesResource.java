package dev.videoplatform.search;

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
 * The real user-service and upload-service (their packaged applications, as processes) on the
 * devstack: the sources of a rebuild, and the producers of the events the read model is built
 * from. upload-service takes the test identity's tokens and checks channels against user-service.
 */
public class CatalogServicesResource implements QuarkusTestResourceLifecycleManager {

    static volatile ServiceProcess users;
    static volatile ServiceProcess upload;

    @Override
    public Map<String, String> start() {
        try {
            DevstackSettings stack = Devstack.shared().settings();
            Devstack.shared().createDatabase("users");
            Devstack.shared().createDatabase("videos");
            Map<String, String> user = new HashMap<>(stack.quarkusConfig("users"));
            user.put("videoplatform.user.signing-key.location", Path.of("target", "rebuild-test-key.pem").toAbsolutePath().toString());
            user.put("videoplatform.user.signing-key.generate-if-missing", "true");
            user.put("videoplatform.page-token.secret", "rebuild-test");
            user.put("videoplatform.rate-limit.enabled", "false");
            users = ServiceProcess.start(Path.of("..", "user-service", "target", "quarkus-app", "quarkus-run.jar"), user,
                    Path.of("target", "user-service.log"));

            Map<String, String> videos = new HashMap<>(stack.quarkusConfig("videos"));
            videos.put("videoplatform.blob.root", Path.of("target", "test-blobs").toAbsolutePath().toString());
            videos.put("videoplatform.page-token.secret", "rebuild-test");
            videos.put("videoplatform.upload.url-secret", "rebuild-test");
            videos.put("videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl());
            videos.put("videoplatform.service-identity.key", TestServiceIdentity.key());
            videos.put("videoplatform.rate-limit.enabled", "false");
            videos.put("quarkus.grpc.clients.user.host", "127.0.0.1");
            videos.put("quarkus.grpc.clients.user.port", Integer.toString(users.port()));
            upload = ServiceProcess.start(Path.of("..", "upload-service", "target", "quarkus-app", "quarkus-run.jar"), videos,
                    Path.of("target", "upload-service.log"));

            // In tests a gRPC client goes to test-port, which otherwise means the app under test.
            return Map.of("quarkus.grpc.clients.user.host", "127.0.0.1",
                    "quarkus.grpc.clients.user.test-port", Integer.toString(users.port()),
                    "quarkus.grpc.clients.upload.host", "127.0.0.1",
                    "quarkus.grpc.clients.upload.test-port", Integer.toString(upload.port()),
                    "videoplatform.search.rebuild.page-size", "2");
        } catch (Exception e) {
            throw new IllegalStateException("could not start user- and upload-service for the rebuild tests", e);
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
