package dev.videoplatform.search;

import dev.videoplatform.devstack.PlatformProcesses;
import dev.videoplatform.devstack.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real user-service and upload-service (their packaged applications, as processes) on the
 * devstack: the sources of a rebuild, and the producers of the events the read model is built
 * from. upload-service takes the test identity's tokens and checks channels against user-service.
 */
public class CatalogServicesResource implements QuarkusTestResourceLifecycleManager {

    static volatile ServiceProcess users;
    static volatile ServiceProcess upload;

    @Override
    public Map<String, String> start() {
        try {
            users = PlatformProcesses.userService();
            upload = PlatformProcesses.uploadService(Path.of("target", "test-blobs"), users);
            Map<String, String> config = new HashMap<>(PlatformProcesses.clientConfig("user", users));
            config.putAll(PlatformProcesses.clientConfig("upload", upload));
            config.put("videoplatform.search.rebuild.page-size", "2");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("could not start user- and upload-service for the rebuild tests", e);
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
