package dev.videoplatform.user;

import dev.videoplatform.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** user-service under test: its own database on the devstack, and a fixed port for its JWKS. */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "users"))
@QuarkusTestResource(UserServiceTestResource.class)
public final class UserTestResources {

    private UserTestResources() {
    }
}
