package dev.videoplatform.analytics;

import dev.videoplatform.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** analytics-service under test: its own database, Kafka (with the platform's topics) and Redis on the devstack,
 * and its own Streams state directory. */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "analytics"))
@QuarkusTestResource(StreamsStateDirectory.class)
public final class AnalyticsTestResources {

    private AnalyticsTestResources() {
    }
}
