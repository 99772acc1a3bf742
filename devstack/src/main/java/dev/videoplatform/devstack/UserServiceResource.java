package dev.videoplatform.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The real user-service (its packaged application, as a process) for a service under test that
 * calls it: its gRPC client {@code user} points there.
 */
public class UserServiceResource implements QuarkusTestResourceLifecycleManager {

    private static volatile ServiceProcess users;

    /** The running user-service of the current test application. */
    public static ServiceProcess users() {
        return users;
    }

    @Override
    public Map<String, String> start() {
        try {
            users = PlatformProcesses.userService();
            return PlatformProcesses.clientConfig("user", users);
        } catch (Exception e) {
            throw new IllegalStateException("could not start user-service", e);
        }
    }

    @Override
    public void stop() {
        if (users != null) {
            users.close();
        }
    }
}
