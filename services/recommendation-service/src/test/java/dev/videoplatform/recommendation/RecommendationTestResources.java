package dev.videoplatform.recommendation;

import dev.videoplatform.devstack.DevstackTestResource;
import dev.videoplatform.devstack.TestIdentityResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * recommendation-service under test: Kafka and Redis on the devstack (no database), tokens from
 * the test identity, analytics' and upload's contracts served on loopback.
 */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "none"))
@QuarkusTestResource(TestIdentityResource.class)
@QuarkusTestResource(ContractServers.class)
public final class RecommendationTestResources {

    private RecommendationTestResources() {
    }
}
