package dev.videoplatform.recommendation;

import dev.videoplatform.devstack.DevstackTestResource;
import dev.videoplatform.devstack.TestIdentityResource;
import dev.videoplatform.devstack.UserServiceResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * recommendation-service under test: Kafka and Redis on the devstack (no database), tokens from
 * the test identity, analytics' and upload's contracts served on loopback, and the real
 * user-service as a process (accounts and subscriptions, whose events the service consumes).
 */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "none"))
@QuarkusTestResource(TestIdentityResource.class)
@QuarkusTestResource(ContractServers.class)
@QuarkusTestResource(UserServiceResource.class)
public final class RecommendationTestResources {

    private RecommendationTestResources() {
    }
}
