package dev.videoplatform.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a service under test at {@link TestIdentity}'s JWKS, as it would point at user-service's,
 * and gives it the platform's {@link TestServiceIdentity} key.
 */
public class TestIdentityResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl(),
                "videoplatform.service-identity.key", TestServiceIdentity.key());
    }

    @Override
    public void stop() {
        // The JWKS server lives as long as the JVM (several test applications share it).
    }
}
