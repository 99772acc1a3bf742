package dev.videoplatform.admin;

import dev.videoplatform.devstack.DevstackTestResource;
import dev.videoplatform.devstack.TestIdentityResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * admin-service under test: its own database, Kafka and Redis on the devstack, test tokens and
 * the service-identity key, and the real user- and upload-service beside it.
 */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "admin"))
@QuarkusTestResource(TestIdentityResource.class)
@QuarkusTestResource(OwningServicesResource.class)
public final class AdminTestResources {

    private AdminTestResources() {
    }
}
