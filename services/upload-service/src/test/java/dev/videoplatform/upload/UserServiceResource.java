package dev.videoplatform.upload;

import dev.videoplatform.devstack.PlatformProcesses;
import dev.videoplatform.devstack.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** The real user-service (its packaged application, as a process) as upload-service's channel directory. */
public class UserServiceResource implements QuarkusTestResourceLifecycleManager {

    static volatile ServiceProcess users;

    @Override
    public Map<String, String> start() {
        try {
            users = PlatformProcesses.userService();
            return PlatformProcesses.clientConfig("user", users);
        } catch (Exception e) {
            throw new IllegalStateException("could not start user-service for the channel checks", e);
        }
    }

    @Override
    public void stop() {
        if (users != null) {
            users.close();
        }
    }
}
