package dev.videoplatform.comment;

import dev.videoplatform.devstack.DevstackTestResource;
import dev.videoplatform.devstack.TestIdentityResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * comment-service under test: its database, Kafka and Redis on the devstack, tokens from the test
 * identity, and the real user- and upload-services as processes.
 */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "comments"))
@QuarkusTestResource(TestIdentityResource.class)
@QuarkusTestResource(PlatformServices.class)
public final class CommentTestResources {

    private CommentTestResources() {
    }
}
