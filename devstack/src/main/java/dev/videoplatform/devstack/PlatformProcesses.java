package dev.videoplatform.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * For tests: the platform's own services as separate processes (their packaged applications) on
 * the shared devstack, configured the way {@code make run} wires them, trusting the test
 * identity's tokens and service-identity key. One place, so every module's tests start them alike.
 */
public final class PlatformProcesses {

    private static final String SECRET = "platform-processes-test";

    private PlatformProcesses() {
    }

    /**
     * user-service on database {@code users}, signing tokens with its own key under {@code target/}
     * and answering its internal RPCs to the services under test (service-identity key).
     */
    public static ServiceProcess userService() throws IOException, InterruptedException {
        return userService(Map.of());
    }

    /** As {@link #userService()}, with {@code settings} added or overriding. */
    public static ServiceProcess userService(Map<String, String> settings) throws IOException, InterruptedException {
        Devstack.shared().createDatabase("users");
        Map<String, String> config = new HashMap<>(Devstack.shared().settings().quarkusConfig("users"));
        config.put("videoplatform.user.signing-key.location", Path.of("target", "user-service-key.pem").toAbsolutePath().toString());
        config.put("videoplatform.user.signing-key.generate-if-missing", "true");
        config.put("videoplatform.page-token.secret", SECRET);
        config.put("videoplatform.service-identity.key", TestServiceIdentity.key());
        config.put("videoplatform.rate-limit.enabled", "false");
        config.putAll(settings);
        return ServiceProcess.start(jar("user-service"), config, Path.of("target", "user-service.log"));
    }

    /**
     * upload-service on database {@code videos} with its blobs under {@code blobRoot}. Channel
     * checks go to {@code users}; without one they go to a closed port and step aside.
     */
    public static ServiceProcess uploadService(Path blobRoot, ServiceProcess users) throws IOException, InterruptedException {
        Devstack.shared().createDatabase("videos");
        Files.createDirectories(blobRoot);
        Map<String, String> config = new HashMap<>(Devstack.shared().settings().quarkusConfig("videos"));
        config.put("videoplatform.blob.root", blobRoot.toAbsolutePath().toString());
        config.put("videoplatform.page-token.secret", SECRET);
        config.put("videoplatform.upload.url-secret", SECRET);
        config.put("videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl());
        config.put("videoplatform.service-identity.key", TestServiceIdentity.key());
        config.put("videoplatform.rate-limit.enabled", "false");
        config.put("quarkus.grpc.clients.user.host", "127.0.0.1");
        config.put("quarkus.grpc.clients.user.port", users == null ? "1" : Integer.toString(users.port()));
        return ServiceProcess.start(jar("upload-service"), config, Path.of("target", "upload-service.log"));
    }

    /**
     * Points the gRPC client {@code client} of the application under test at {@code service}. In
     * tests a client goes to {@code test-port}, which otherwise means the application itself.
     */
    public static Map<String, String> clientConfig(String client, ServiceProcess service) {
        String port = Integer.toString(service.port());
        String prefix = "quarkus.grpc.clients." + client + ".";
        return Map.of(prefix + "host", "127.0.0.1", prefix + "port", port, prefix + "test-port", port);
    }

    /** A service's packaged application, found from any module directory of the project. */
    public static Path jar(String service) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(Path.of("services", service, "target", "quarkus-app", "quarkus-run.jar"));
            if (Files.isDirectory(dir.resolve("services"))) {
                return jar;
            }
        }
        throw new IllegalStateException("no services/ directory above " + Path.of("").toAbsolutePath());
    }
}
