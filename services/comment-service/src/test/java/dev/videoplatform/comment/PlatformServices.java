package dev.videoplatform.comment;

import dev.videoplatform.devstack.PlatformProcesses;
import dev.videoplatform.devstack.ServiceProcess;
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
            users = PlatformProcesses.userService();
            uploads = PlatformProcesses.uploadService(Path.of("target", "upload-blobs"), users);
            Map<String, String> config = new HashMap<>(PlatformProcesses.clientConfig("user", users));
            config.putAll(PlatformProcesses.clientConfig("upload", uploads));
            return config;
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
