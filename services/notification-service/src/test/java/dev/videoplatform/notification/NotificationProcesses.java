package dev.videoplatform.notification;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.PlatformProcesses;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TestServiceIdentity;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** notification-service's packaged application as processes (replicas) on the shared devstack, for the *IT tests. */
final class NotificationProcesses {

    private NotificationProcesses() {
    }

    /**
     * A replica named {@code name} (its log: target/notification-service-NAME.log) calling
     * user-service on {@code usersPort}, with {@code overrides} on top of the defaults.
     */
    static ServiceProcess start(String name, int usersPort, Map<String, String> overrides) throws Exception {
        Devstack.shared().createDatabase("notifications");
        Map<String, String> config = new HashMap<>(Devstack.shared().settings().quarkusConfig("notifications"));
        config.put("videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl());
        config.put("videoplatform.service-identity.key", TestServiceIdentity.key());
        config.put("videoplatform.page-token.secret", "notification-processes-test");
        config.put("videoplatform.rate-limit.enabled", "false");
        config.put("quarkus.grpc.clients.user.host", "127.0.0.1");
        config.put("quarkus.grpc.clients.user.port", Integer.toString(usersPort));
        config.putAll(overrides);
        return ServiceProcess.start(PlatformProcesses.jar("notification-service"), config,
                Path.of("target", "notification-service-" + name + ".log"));
    }
}
