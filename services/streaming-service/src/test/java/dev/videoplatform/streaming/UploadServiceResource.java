package dev.videoplatform.streaming;

import dev.videoplatform.devstack.PlatformProcesses;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TestServiceIdentity;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real upload-service (its packaged application, as a separate process) as streaming's
 * metadata source, sharing the blob root with the service under test. Tests may kill it to see
 * streaming carry on without it. No user-service: upload's channel checks step aside.
 */
public class UploadServiceResource implements QuarkusTestResourceLifecycleManager {

    static final Path BLOBS = Path.of("target", "test-blobs").toAbsolutePath();
    static volatile ServiceProcess upload;

    @Override
    public Map<String, String> start() {
        try {
            upload = PlatformProcesses.uploadService(BLOBS, null);
            Map<String, String> config = new HashMap<>(PlatformProcesses.clientConfig("upload", upload));
            config.put("videoplatform.blob.root", BLOBS.toString());
            config.put("videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl());
            // Streaming calls upload's internal GetVideoForPlayback with a service token.
            config.put("videoplatform.service-identity.key", TestServiceIdentity.key());
            return config;
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
