package dev.videoplatform.transcode;

import dev.videoplatform.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** transcode-service under test: Kafka and Redis on the devstack, no database of its own. */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "none"))
public final class TranscodeTestResources {

    private TranscodeTestResources() {
    }
}
