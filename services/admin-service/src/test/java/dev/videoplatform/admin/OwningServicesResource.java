package dev.videoplatform.admin;

import dev.videoplatform.devstack.PlatformProcesses;
import dev.videoplatform.devstack.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
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
            users = PlatformProcesses.userService();
            upload = PlatformProcesses.uploadService(BLOBS, users);
            Map<String, String> config = new HashMap<>(PlatformProcesses.clientConfig("user", users));
            config.putAll(PlatformProcesses.clientConfig("upload", upload));
            return config;
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
