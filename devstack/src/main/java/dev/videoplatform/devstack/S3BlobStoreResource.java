package dev.videoplatform.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

/**
 * Quarkus test resource: the service's blob store becomes a fresh bucket on the JVM's shared
 * S3Proxy ({@link S3ProxyProcess}), with local scratch space in a temporary directory.
 */
public class S3BlobStoreResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            S3ProxyProcess s3 = S3ProxyProcess.shared();
            return s3.blobConfig("test-" + UUID.randomUUID(), Files.createTempDirectory("videoplatform-s3-scratch"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The server outlives one Quarkus application: it is stopped when the test JVM exits.
    }
}
