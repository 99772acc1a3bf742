package dev.videoplatform.transcode;

import dev.videoplatform.devstack.DevstackTestResource;
import dev.videoplatform.devstack.TestIdentityResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** transcode-service under test: Kafka and Redis on the devstack, no database of its own, tokens from the test identity. */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "none"))
@QuarkusTestResource(TestIdentityResource.class)
public final class TranscodeTestResources {

    private TranscodeTestResources() {
    }
}
