package dev.videoplatform.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackExtension;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.UserUpdated;
import dev.videoplatform.platform.events.EventEnvelopes;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/** Publish N events, SIGKILL the relay mid-way, restart: exactly N distinct events, in order per key. */
@ExtendWith(DevstackExtension.class)
class OutboxRelayKillTest {

    private static final int EVENTS = 300;
    private static final int KEYS = 5;

    @Test
    void aKilledRelayLosesNothingAndKeepsPerKeyOrder(Devstack stack) throws Exception {
        DevstackSettings s = stack.settings();
        String database = "outbox_kill_" + UUID.randomUUID().toString().substring(0, 8);
        stack.createDatabase(database);
        Flyway.configure().dataSource(s.jdbcUrl(database), s.postgresUser(), s.postgresPassword())
                .locations("classpath:db/platform").load().migrate();

        // The events, written by the same OutboxWriter services use, 10 per transaction.
        Map<String, String> keyAndSequenceByEventId = new HashMap<>();
        Vertx vertx = Vertx.vertx();
        Pool pool = Pool.newInstance(PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(s.postgresHost())
                .setPort(s.postgresPort()).setUser(s.postgresUser()).setPassword(s.postgresPassword())
                .setDatabase(database)).using(vertx.getDelegate()).build());
        OutboxWriter writer = new OutboxWriter("outbox-kill-test");
        for (int batch = 0; batch < EVENTS / 10; batch++) {
            int first = batch * 10;
            List<EventEnvelope> written = pool.withTransaction(tx -> {
                io.smallrye.mutiny.Uni<List<EventEnvelope>> chain = io.smallrye.mutiny.Uni.createFrom().item(new ArrayList<>());
                for (int i = first; i < first + 10; i++) {
                    String key = "user-" + (i % KEYS);
                    UserUpdated payload = UserUpdated.newBuilder().setUserId(key).setDisplayName(Integer.toString(i)).build();
                    chain = chain.flatMap(list -> writer.append(tx, key, payload).map(e -> {
                        list.add(e);
                        return list;
                    }));
                }
                return chain;
            }).await().indefinitely();
            written.forEach(e -> keyAndSequenceByEventId.put(e.getEventId(), e.getAggregateKey()));
        }
        pool.closeAndAwait();
        vertx.closeAndAwait();

        // A relay in its own JVM, killed with SIGKILL once part of the outbox is out.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, OutboxRelayChild.class.getName(), s.jdbcUrl(database), s.postgresUser(),
                s.kafkaBootstrapServers())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (sent(s, database) < EVENTS / 3) {
                assertTrue(child.isAlive(), "relay process died on its own");
                assertTrue(System.nanoTime() < deadline, "relay made no progress");
                Thread.sleep(10);
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
        long sentAtKill = sent(s, database);
        assertTrue(sentAtKill < EVENTS, "the kill happened mid-way (" + sentAtKill + " of " + EVENTS + " sent)");

        // A new relay finishes the job.
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(s.jdbcUrl(database));
        dataSource.setUser(s.postgresUser());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                OutboxRelayLifecycle.producerConfig(s.kafkaBootstrapServers(), "relay-restarted"), new StringSerializer(),
                new ByteArraySerializer());
                OutboxRelay relay = new OutboxRelay(dataSource, producer, 50, Duration.ofMillis(10), Duration.ofDays(1))) {
            while (relay.relayBatch() > 0) {
                // drain
            }
        }
        assertEquals(EVENTS, sent(s, database));

        // Everything we wrote is on Kafka: N distinct ids, and per key the first sightings in order.
        Map<String, List<Integer>> firstSightingsByKey = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "kill-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("user.updated"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < EVENTS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    EventEnvelope envelope;
                    try {
                        envelope = EventEnvelopes.parse(record.value());
                    } catch (RuntimeException notOurs) {
                        continue; // other tests put poison on this topic
                    }
                    if (!keyAndSequenceByEventId.containsKey(envelope.getEventId())) {
                        continue;
                    }
                    assertEquals(envelope.getAggregateKey(), record.key(), "Kafka key = aggregate key");
                    if (seen.add(envelope.getEventId())) {
                        int sequence = Integer.parseInt(EventEnvelopes.payload(envelope, UserUpdated.class).getDisplayName());
                        firstSightingsByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(sequence);
                    }
                }
            }
        }
        assertEquals(EVENTS, seen.size(), "every event arrived");
        assertEquals(KEYS, firstSightingsByKey.size());
        for (Map.Entry<String, List<Integer>> entry : firstSightingsByKey.entrySet()) {
            List<Integer> order = entry.getValue();
            List<Integer> sorted = new ArrayList<>(order);
            sorted.sort(null);
            assertEquals(sorted, order, "events of " + entry.getKey() + " arrived in order");
            assertEquals(EVENTS / KEYS, order.size());
        }
    }

    private static long sent(DevstackSettings s, String database) throws Exception {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(database), s.postgresUser(), s.postgresPassword());
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox_event WHERE sent_at IS NOT NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
