package dev.videoplatform.streaming;

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
 * The real upload-service (its packaged application, as a separate process) as streaming's
 * metadata source, sharing the blob root with the service under test. Tests may kill it to see
 * streaming carry on without it.
 */
public class UploadServiceResource implements QuarkusTestResourceLifecycleManager {

    static final Path BLOBS = Path.of("target", "test-blobs").toAbsolutePath();
    static volatile ServiceProcess upload;

    @Override
    public Map<String, String> start() {
        try {
            DevstackSettings stack = Devstack.shared().settings();
            Devstack.shared().createDatabase("videos");
            Files.createDirectories(BLOBS);
            Map<String, String> config = new HashMap<>(stack.quarkusConfig("videos"));
            config.put("videoplatform.blob.root", BLOBS.toString());
            config.put("videoplatform.page-token.secret", "streaming-test");
            config.put("videoplatform.upload.url-secret", "streaming-test");
            config.put("videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl());
            config.put("videoplatform.service-identity.key", TestServiceIdentity.key());
            config.put("videoplatform.rate-limit.enabled", "false");
            // No user-service here: nothing listens on port 1, so upload's channel checks step aside.
            config.put("quarkus.grpc.clients.user.host", "127.0.0.1");
            config.put("quarkus.grpc.clients.user.port", "1");
            upload = ServiceProcess.start(Path.of("..", "upload-service", "target", "quarkus-app", "quarkus-run.jar"), config,
                    Path.of("target", "upload-service.log"));
            return Map.of("quarkus.grpc.clients.upload.host", "127.0.0.1",
                    "quarkus.grpc.clients.upload.port", Integer.toString(upload.port()),
                    // In tests a gRPC client goes to test-port, which otherwise means the app under test.
                    "quarkus.grpc.clients.upload.test-port", Integer.toString(upload.port()),
                    "videoplatform.blob.root", BLOBS.toString(),
                    "videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl(),
                    // Streaming calls upload's internal GetVideoForPlayback with a service token.
                    "videoplatform.service-identity.key", TestServiceIdentity.key());
        } catch (Exception e) {
            throw new IllegalStateException("could not start upload-service for the streaming tests", e);
        }
    }

    @Override
    public void stop() {
        if (upload != null) {
            upload.close();
        }
    }
}
