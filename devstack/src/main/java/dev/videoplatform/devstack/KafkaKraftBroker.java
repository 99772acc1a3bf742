package dev.videoplatform.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one), inside this JVM, listening on
 * 127.0.0.1 only. Tuned for one node: every internal topic has replication factor 1.
 */
public final class KafkaKraftBroker implements AutoCloseable {

    private static final String CONTROLLER = "CONTROLLER";

    private final KafkaConfig config;
    private final String bootstrapServers;
    private KafkaRaftServer server;

    private KafkaKraftBroker(KafkaConfig config, String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * The broker's own loggers, at WARNING: at INFO it writes a line per partition, replica and
     * log segment change (tens of thousands per `make test`, most of its log), nothing a person
     * reading a test failure needs. Held here so the levels outlive logger garbage collection.
     */
    private static final List<java.util.logging.Logger> QUIET_LOGGERS = Stream.of("kafka", "state.change.logger",
            "org.apache.kafka.controller", "org.apache.kafka.storage", "org.apache.kafka.coordinator",
            "org.apache.kafka.image", "org.apache.kafka.raft", "org.apache.kafka.server", "org.apache.kafka.metadata",
            "org.apache.kafka.queue").map(java.util.logging.Logger::getLogger).toList();

    public static KafkaKraftBroker start(Path logDir, int port, int controllerPort) {
        QUIET_LOGGERS.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        String bootstrap = "127.0.0.1:" + port;
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + bootstrap + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + bootstrap);
        props.put("controller.listener.names", CONTROLLER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "3");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // On restart the controller waits out the previous broker session before the broker is
        // back: a short session keeps `make run` restarts fast (one node, nothing to fail over).
        props.put("broker.session.timeout.ms", "2000");
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        try {
            Files.createDirectories(logDir);
            KafkaConfig config = new KafkaConfig(props, false);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                new Formatter()
                        .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                        .setNodeId(1)
                        .setClusterId(Uuid.randomUuid().toString())
                        .setControllerListenerName(CONTROLLER)
                        .setMetadataLogDirectory(logDir.toString())
                        .addDirectory(logDir.toString())
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .run();
            }
            KafkaKraftBroker broker = new KafkaKraftBroker(config, bootstrap);
            broker.startServer();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start in " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not start in " + logDir, e);
        }
    }

    /**
     * Stops the broker and starts it again on the same ports and log directory, as a broker
     * restart in a cluster: clients see their connections drop and the same topics come back.
     */
    public synchronized void restart() {
        close();
        try {
            startServer();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not restart on " + bootstrapServers, e);
        }
    }

    private synchronized void startServer() throws Exception {
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(60));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates the platform's topics (and their dead-letter topics) unless they exist, as the
     * operator does in a cluster: consumers then never start on a topic that is not there yet.
     */
    public void createTopics(java.util.List<String> topics, int partitions) {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            java.util.Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            java.util.List<org.apache.kafka.clients.admin.NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new org.apache.kafka.clients.admin.NewTopic(t, partitions, (short) 1))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics: " + e.getMessage(), e);
        }
    }

    private void awaitReady(Duration timeout) throws Exception {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public synchronized void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
