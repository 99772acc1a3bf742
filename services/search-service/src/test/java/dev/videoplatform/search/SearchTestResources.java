package dev.videoplatform.search;

import dev.videoplatform.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** search-service under test: its own database, Kafka and Redis on the devstack. */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "search"))
public final class SearchTestResources {

    private SearchTestResources() {
    }
}
