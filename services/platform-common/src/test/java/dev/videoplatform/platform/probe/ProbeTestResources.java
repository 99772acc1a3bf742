package dev.videoplatform.platform.probe;

import dev.videoplatform.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The probe application's infrastructure: the devstack (database "platform") and a JWKS server. */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(JwksTestResource.class)
public final class ProbeTestResources {

    private ProbeTestResources() {
    }
}
