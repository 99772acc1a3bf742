package dev.videoplatform.edge;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the test upstreams and points the edge at them, and at the test contract's descriptor set
 * instead of the platform's.
 */
public class UpstreamsTestResource implements QuarkusTestResourceLifecycleManager {

    private LibraryServer library;
    private StreamingServer streaming;

    @Override
    public Map<String, String> start() {
        try {
            library = new LibraryServer();
            streaming = new StreamingServer();
            Path descriptorSet = Path.of(UpstreamsTestResource.class.getResource("/edgetest/descriptor_set.pb").toURI());
            String grpc = "127.0.0.1:" + library.port();
            return Map.of(
                    "edge.descriptor-set", descriptorSet.toString(),
                    "edge.upstreams.\"edgetest.v1.LibraryService\"", grpc,
                    "edge.upstreams.\"edgetest.v1.CatalogService\"", grpc,
                    "edge.upstreams.\"edgetest.v1.OfflineService\"", "127.0.0.1:" + closedPort(),
                    "edge.streaming", "127.0.0.1:" + streaming.port(),
                    "edge.uploads", "127.0.0.1:" + streaming.port(),
                    "edge.notifications", "127.0.0.1:" + streaming.port(),
                    "edge.deadline", "2s",
                    "edge.max-request-bytes", "65536");
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("test upstreams did not start", e);
        }
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void stop() {
        try {
            if (library != null) {
                library.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (streaming != null) {
            streaming.close();
        }
    }
}
