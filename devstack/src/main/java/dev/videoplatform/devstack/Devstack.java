package dev.videoplatform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * PostgreSQL, Kafka and Redis for one machine, started together and stopped together. Tests share
 * one stack per JVM ({@link #shared()}); {@code devstack up} runs a durable one for {@code make run}.
 */
public final class Devstack implements AutoCloseable {

    /** One database per service that owns data (see ARCHITECTURE.md). */
    public static final List<String> SERVICE_DATABASES = List.of("users", "videos", "search", "comments", "analytics",
            "notifications", "admin");

    private static Devstack shared;

    private final DevstackSettings settings;
    private final List<AutoCloseable> owned;
    private final Path temporaryHome;

    private Devstack(DevstackSettings settings, List<AutoCloseable> owned, Path temporaryHome) {
        this.settings = settings;
        this.owned = owned;
        this.temporaryHome = temporaryHome;
    }

    /**
     * The stack of this JVM: a running devstack named by the environment ({@code VP_*} variables, as
     * written to {@code .devstack/env}), or else a fresh one on free loopback ports, stopped when the
     * JVM exits.
     */
    public static synchronized Devstack shared() {
        if (shared == null) {
            Optional<DevstackSettings> running = DevstackSettings.fromEnvironment(System.getenv());
            if (running.isPresent()) {
                shared = new Devstack(running.get(), List.of(), null);
            } else {
                shared = startOnFreePorts();
                Devstack stack = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-stop"));
            }
        }
        return shared;
    }

    /**
     * A fresh stack on free loopback ports, in a temporary home. A port found free can be taken by
     * another process before the component binds it (parallel builds on one machine): then the
     * stack is started again on other ports, up to three times.
     */
    private static Devstack startOnFreePorts() {
        for (int attempt = 1; ; attempt++) {
            try {
                Path home = Files.createTempDirectory("videoplatform-devstack");
                return start(home, new Ports(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next()),
                        false, home);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.err.println("devstack: start failed (" + e.getMessage() + "); again on other ports");
            }
        }
    }

    /** The ports a stack listens on, all on 127.0.0.1. */
    public record Ports(int postgres, int kafka, int kafkaController, int redis) {
    }

    /**
     * Starts all three under {@code home}. {@code durable} keeps PostgreSQL's fsync and Redis'
     * append-only file; {@code temporaryHome}, when set, is deleted on close.
     */
    public static Devstack start(Path home, Ports ports, boolean durable, Path temporaryHome) {
        List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
        try {
            Files.createDirectories(home);
            Path pgBinaries = Path.of(System.getProperty("java.io.tmpdir"), "videoplatform-postgres-"
                    + Integer.toHexString(String.valueOf(Devstack.class.getClassLoader()
                            .getResource("postgres-linux-x86_64.txz")).hashCode()));
            CompletableFuture<PostgresProcess> postgres = CompletableFuture.supplyAsync(() -> register(started,
                    PostgresProcess.start(pgBinaries, home.resolve("postgres"), home.resolve("postgres.log"),
                            ports.postgres(), durable)));
            CompletableFuture<RedisProcess> redis = CompletableFuture.supplyAsync(() -> register(started,
                    RedisProcess.start(ports.redis(), durable ? home.resolve("redis") : null)));
            KafkaKraftBroker kafka = register(started, KafkaKraftBroker.start(home.resolve("kafka"), ports.kafka(),
                    ports.kafkaController()));
            kafka.createTopics(platformTopics(), 3);
            postgres.join();
            redis.join();
            DevstackSettings settings = new DevstackSettings("127.0.0.1", ports.postgres(), PostgresProcess.USER, "",
                    kafka.bootstrapServers(), "127.0.0.1", ports.redis());
            return new Devstack(settings, new ArrayList<>(started), temporaryHome);
        } catch (IOException | RuntimeException e) {
            closeAll(started);
            deleteTemporaryHome(temporaryHome);
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("devstack did not start: " + cause.getMessage(), cause);
        }
    }

    /**
     * The event catalog's topics and their dead-letter topics. Read as text (META-INF/videoplatform/topics.txt
     * in the proto jar, checked against the contracts there) so that the devstack never loads
     * protobuf classes into a test's class loader.
     */
    public static java.util.List<String> platformTopics() {
        try (java.io.InputStream in = Devstack.class.getClassLoader().getResourceAsStream("META-INF/videoplatform/topics.txt")) {
            if (in == null) {
                throw new IllegalStateException("META-INF/videoplatform/topics.txt (proto module) is not on the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .flatMap(topic -> java.util.stream.Stream.of(topic, topic + ".dlq"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T extends AutoCloseable> T register(List<AutoCloseable> started, T component) {
        started.add(component);
        return component;
    }

    public DevstackSettings settings() {
        return settings;
    }

    /**
     * Restarts this stack's Kafka broker on the same port and log directory (for tests of what a
     * broker restart does to clients). Only a stack this JVM started owns its broker.
     */
    public void restartKafka() {
        owned.stream().filter(KafkaKraftBroker.class::isInstance).map(KafkaKraftBroker.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("this stack's Kafka runs in another process"))
                .restart();
    }

    /** Creates a service's database (idempotent). */
    public void createDatabase(String name) {
        PostgresProcess.createDatabase(settings.postgresHost(), settings.postgresPort(), settings.postgresUser(),
                settings.postgresPassword(), name);
    }

    @Override
    public synchronized void close() {
        closeAll(owned);
        owned.clear();
        deleteTemporaryHome(temporaryHome);
    }

    private static void deleteTemporaryHome(Path temporaryHome) {
        if (temporaryHome != null) {
            try {
                PostgresProcess.deleteTree(temporaryHome);
            } catch (IOException e) {
                System.err.println("devstack: could not delete " + temporaryHome + ": " + e.getMessage());
            }
        }
    }

    private static void closeAll(List<AutoCloseable> components) {
        List<AutoCloseable> reversed = new ArrayList<>(components);
        Collections.reverse(reversed);
        for (AutoCloseable component : reversed) {
            try {
                component.close();
            } catch (Exception e) {
                System.err.println("devstack: " + component.getClass().getSimpleName() + " did not stop cleanly: " + e);
            }
        }
    }
}
