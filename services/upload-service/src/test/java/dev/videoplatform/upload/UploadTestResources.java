package dev.videoplatform.upload;

import dev.videoplatform.devstack.DevstackTestResource;
import dev.videoplatform.devstack.TestIdentityResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** upload-service under test: its database on the devstack, tokens from the test identity. */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "videos"))
@QuarkusTestResource(TestIdentityResource.class)
public final class UploadTestResources {

    private UploadTestResources() {
    }
}
