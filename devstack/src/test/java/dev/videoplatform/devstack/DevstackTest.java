package dev.videoplatform.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevstackExtension.class)
class DevstackTest {

    @Test
    void postgresServesEachServiceItsOwnDatabase(Devstack stack) throws SQLException {
        stack.createDatabase("users");
        stack.createDatabase("users"); // idempotent
        DevstackSettings s = stack.settings();
        try (Connection c = DriverManager.getConnection(s.jdbcUrl("users"), s.postgresUser(), s.postgresPassword());
                ResultSet rs = c.createStatement().executeQuery("SELECT current_database(), current_setting('server_version_num')::int")) {
            assertTrue(rs.next());
            assertEquals("users", rs.getString(1));
            assertTrue(rs.getInt(2) >= 140000, "PostgreSQL 14 or newer");
        }
        try (Connection c = DriverManager.getConnection(s.jdbcUrl("users"), s.postgresUser(), s.postgresPassword())) {
            c.createStatement().execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT similarity('video', 'videos') > 0.5")) {
                assertTrue(rs.next() && rs.getBoolean(1), "pg_trgm (needed by search) works");
            }
        }
    }

    @Test
    void kafkaCarriesARecordFromProducerToConsumer(DevstackSettings s) throws Exception {
        String topic = "devstack.check." + UUID.randomUUID();
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "video-1", "uploaded")).get();
        }
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "devstack-check");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertEquals(1, received.size());
        assertEquals("video-1", received.get(0).key());
        assertEquals("uploaded", received.get(0).value());
    }

    @Test
    void everyTopicOfTheCatalogExistsWithItsDeadLetterTopic(DevstackSettings s) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", s.kafkaBootstrapServers()))) {
            java.util.Set<String> names = admin.listTopics().names().get();
            assertTrue(Devstack.platformTopics().contains("video.transcode.dlq"));
            for (String topic : Devstack.platformTopics()) {
                assertTrue(names.contains(topic), topic + " exists");
            }
        }
    }

    @Test
    void redisAnswersCommands(DevstackSettings s) throws IOException {
        try (Socket socket = new Socket(s.redisHost(), s.redisPort())) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write("*3\r\n$3\r\nSET\r\n$4\r\nkey1\r\n$5\r\nvalue\r\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("+OK", in.readLine());
            out.write("*2\r\n$3\r\nGET\r\n$4\r\nkey1\r\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("$5", in.readLine());
            assertEquals("value", in.readLine());
        }
    }

    @Test
    void everyListenerIsOnLoopbackOnly(DevstackSettings s) throws IOException {
        Map<Integer, List<String>> listeners = listeningSockets();
        int kafkaPort = Integer.parseInt(s.kafkaBootstrapServers().substring(s.kafkaBootstrapServers().lastIndexOf(':') + 1));
        for (int port : List.of(s.postgresPort(), s.redisPort(), kafkaPort)) {
            List<String> addresses = listeners.get(port);
            assertFalse(addresses == null || addresses.isEmpty(), "nothing listens on " + port);
            for (String address : addresses) {
                // 127.0.0.1, ::1, or 127.0.0.1 as an IPv4-mapped IPv6 address (Java's sockets)
                assertTrue(LOOPBACK.contains(address),
                        "port " + port + " listens on non-loopback address " + address);
            }
        }
    }

    @Test
    void settingsRoundTripThroughTheEnvironment(DevstackSettings s) {
        assertEquals(s, DevstackSettings.fromEnvironment(s.toEnvironment()).orElseThrow());
        assertTrue(DevstackSettings.fromEnvironment(Map.of()).isEmpty());
        Map<String, String> config = s.quarkusConfig("videos");
        assertEquals(s.jdbcUrl("videos"), config.get("quarkus.datasource.jdbc.url"));
        assertEquals(s.kafkaBootstrapServers(), config.get("kafka.bootstrap.servers"));
    }

    private static final java.util.Set<String> LOOPBACK = java.util.Set.of("0100007F",
            "00000000000000000000000001000000", "0000000000000000FFFF00000100007F");

    /** Listening TCP sockets from /proc/net/tcp{,6}: port → hex local addresses. */
    private static Map<Integer, List<String>> listeningSockets() throws IOException {
        Map<Integer, List<String>> result = new java.util.HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
                String[] cols = line.trim().split("\\s+");
                if (!cols[3].equals("0A")) {
                    continue; // not LISTEN
                }
                String[] local = cols[1].split(":");
                result.computeIfAbsent(Integer.parseInt(local[1], 16), k -> new ArrayList<>()).add(local[0]);
            }
        }
        return result;
    }
}
