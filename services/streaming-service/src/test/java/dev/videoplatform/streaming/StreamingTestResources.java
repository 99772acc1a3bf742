package dev.videoplatform.streaming;

import dev.videoplatform.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** streaming-service under test: Kafka and Redis on the devstack, the real upload-service beside it. */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "none"))
@QuarkusTestResource(UploadServiceResource.class)
public final class StreamingTestResources {

    private StreamingTestResources() {
    }
}
