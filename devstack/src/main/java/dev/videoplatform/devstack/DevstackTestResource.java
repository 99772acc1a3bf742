package dev.videoplatform.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: hands a service its datasource, Kafka and Redis configuration on the
 * JVM's shared devstack. Init arg {@code database} names the service's own database; {@code none}
 * for a service that owns no database.
 */
public class DevstackTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Devstack stack = Devstack.shared();
        if (database.equals("none")) {
            return stack.settings().quarkusConfigWithoutDatabase();
        }
        stack.createDatabase(database);
        return stack.settings().quarkusConfig(database);
    }

    @Override
    public void stop() {
        // The stack outlives one Quarkus application: it is stopped when the test JVM exits.
    }
}
