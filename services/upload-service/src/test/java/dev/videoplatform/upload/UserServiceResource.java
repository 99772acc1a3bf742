package dev.videoplatform.upload;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The real user-service (its packaged application, as a process) as upload-service's channel directory. */
public class UserServiceResource implements QuarkusTestResourceLifecycleManager {

    static volatile ServiceProcess users;

    @Override
    public Map<String, String> start() {
        try {
            DevstackSettings stack = Devstack.shared().settings();
            Devstack.shared().createDatabase("users");
            Map<String, String> config = new HashMap<>(stack.quarkusConfig("users"));
            config.put("videoplatform.user.signing-key.location", Path.of("target", "channel-test-key.pem").toAbsolutePath().toString());
            config.put("videoplatform.user.signing-key.generate-if-missing", "true");
            config.put("videoplatform.page-token.secret", "channel-test");
            config.put("videoplatform.rate-limit.enabled", "false");
            users = ServiceProcess.start(Path.of("..", "user-service", "target", "quarkus-app", "quarkus-run.jar"), config,
                    Path.of("target", "user-service.log"));
            String port = Integer.toString(users.port());
            return Map.of("quarkus.grpc.clients.user.host", "127.0.0.1", "quarkus.grpc.clients.user.port", port,
                    "quarkus.grpc.clients.user.test-port", port);
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
