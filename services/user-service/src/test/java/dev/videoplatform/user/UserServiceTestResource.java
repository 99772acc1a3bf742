package dev.videoplatform.user;

import dev.videoplatform.devstack.TestServiceIdentity;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A known HTTP port for the service under test, so its own JWKS URL (which every verifier,
 * this service's included, fetches keys from) can be configured before start-up; and a first
 * admin's username of this run's own (the database may outlive a run).
 */
public class UserServiceTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.http.test-port", Integer.toString(port),
                "videoplatform.auth.jwks-url", "http://127.0.0.1:" + port + "/.well-known/jwks.json",
                "videoplatform.user.admins", UserClient.uniqueName("founder"),
                "videoplatform.service-identity.key", TestServiceIdentity.key());
    }

    @Override
    public void stop() {
    }
}
