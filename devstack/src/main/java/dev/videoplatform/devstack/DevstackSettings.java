package dev.videoplatform.devstack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the infrastructure listens. Written to {@code .devstack/env} by {@code devstack up} and
 * read back from the environment, so tests and services can reuse a running devstack.
 */
public record DevstackSettings(String postgresHost, int postgresPort, String postgresUser, String postgresPassword,
        String kafkaBootstrapServers, String redisHost, int redisPort) {

    public static final String ENV_POSTGRES_HOST = "VP_POSTGRES_HOST";
    public static final String ENV_POSTGRES_PORT = "VP_POSTGRES_PORT";
    public static final String ENV_POSTGRES_USER = "VP_POSTGRES_USER";
    public static final String ENV_POSTGRES_PASSWORD = "VP_POSTGRES_PASSWORD";
    public static final String ENV_KAFKA_BOOTSTRAP_SERVERS = "VP_KAFKA_BOOTSTRAP_SERVERS";
    public static final String ENV_REDIS_HOST = "VP_REDIS_HOST";
    public static final String ENV_REDIS_PORT = "VP_REDIS_PORT";

    /** The settings of a running devstack named by the environment, if all of them are there. */
    public static Optional<DevstackSettings> fromEnvironment(Map<String, String> env) {
        String[] required = { ENV_POSTGRES_HOST, ENV_POSTGRES_PORT, ENV_POSTGRES_USER, ENV_KAFKA_BOOTSTRAP_SERVERS,
                ENV_REDIS_HOST, ENV_REDIS_PORT };
        for (String key : required) {
            if (env.get(key) == null || env.get(key).isBlank()) {
                return Optional.empty();
            }
        }
        return Optional.of(new DevstackSettings(env.get(ENV_POSTGRES_HOST), Integer.parseInt(env.get(ENV_POSTGRES_PORT)),
                env.get(ENV_POSTGRES_USER), env.getOrDefault(ENV_POSTGRES_PASSWORD, ""),
                env.get(ENV_KAFKA_BOOTSTRAP_SERVERS), env.get(ENV_REDIS_HOST), Integer.parseInt(env.get(ENV_REDIS_PORT))));
    }

    public Map<String, String> toEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ENV_POSTGRES_HOST, postgresHost);
        env.put(ENV_POSTGRES_PORT, Integer.toString(postgresPort));
        env.put(ENV_POSTGRES_USER, postgresUser);
        env.put(ENV_POSTGRES_PASSWORD, postgresPassword);
        env.put(ENV_KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
        env.put(ENV_REDIS_HOST, redisHost);
        env.put(ENV_REDIS_PORT, Integer.toString(redisPort));
        return env;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    public String redisUrl() {
        return "redis://" + redisHost + ":" + redisPort;
    }

    /** The Quarkus configuration a service needs to reach this stack with its own database. */
    public Map<String, String> quarkusConfig(String database) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.db-kind", "postgresql");
        config.put("quarkus.datasource.username", postgresUser);
        config.put("quarkus.datasource.password", postgresPassword);
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
        config.put("quarkus.datasource.reactive.url", reactiveUrl(database));
        config.putAll(quarkusConfigWithoutDatabase());
        return config;
    }

    /** Kafka and Redis settings only, for a service that owns no database. */
    public Map<String, String> quarkusConfigWithoutDatabase() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        config.put("quarkus.redis.hosts", redisUrl());
        return config;
    }
}
