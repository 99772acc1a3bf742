package dev.videoplatform.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.UserUpdated;
import dev.videoplatform.events.v1.VideoDeleted;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.probe.TestKeys;
import dev.videoplatform.probe.v1.EchoResponse;
import dev.videoplatform.probe.v1.EmitRequest;
import io.grpc.ManagedChannel;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * gRPC call → outbox → relay → Kafka → idempotent consumer, on the real devstack: the trace
 * continues across Kafka, duplicates are processed once, poison goes to the DLQ without stopping
 * the consumer.
 */
@QuarkusTest
class EventFlowTest {

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "probe.signing-key-file")
    String signingKeyFile;

    @Test
    void theTraceOfTheCallContinuesInTheConsumer() throws Exception {
        EchoResponse emitted = emit("user-" + UUID.randomUUID());
        assertTrue(emitted.getTraceId().matches("[0-9a-f]{32}") && !emitted.getTraceId().matches("0+"),
                "the gRPC call was traced: " + emitted.getTraceId());
        awaitTrue(Duration.ofSeconds(30), () -> effects(emitted.getText()) == 1);
        String consumerTrace = pool.preparedQuery("SELECT trace_id FROM probe_effect WHERE event_id = $1")
                .execute(Tuple.of(emitted.getText())).await().indefinitely().iterator().next().getString(0);
        assertEquals(emitted.getTraceId(), consumerTrace);
    }

    @Test
    void aRedeliveredEventIsProcessedOnce() throws Exception {
        EchoResponse emitted = emit("user-" + UUID.randomUUID());
        awaitTrue(Duration.ofSeconds(30), () -> effects(emitted.getText()) == 1);
        byte[] envelope = pool.preparedQuery("SELECT envelope FROM outbox_event WHERE event_id = $1")
                .execute(Tuple.of(emitted.getText())).await().indefinitely().iterator().next().getBuffer(0).getBytes();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("user.updated", "dup", envelope)).get();
            producer.send(new ProducerRecord<>("user.updated", "dup", envelope)).get();
            // A marker after the duplicates tells us when the consumer has read past them.
            EventEnvelope marker = EventEnvelopes.wrap("test", "dup",
                    UserUpdated.newBuilder().setUserId("dup").setDisplayName("marker").build());
            producer.send(new ProducerRecord<>("user.updated", "dup", marker.toByteArray())).get();
            awaitTrue(Duration.ofSeconds(30), () -> effects(marker.getEventId()) == 1);
        }
        assertEquals(1, effects(emitted.getText()));
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheConsumerCarriesOn() throws Exception {
        byte[] garbage = ("not protobuf " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        EventEnvelope poison = EventEnvelopes.wrap("test", "p", UserUpdated.newBuilder().setUserId("p")
                .setDisplayName("poison").build());
        EventEnvelope healthy = EventEnvelopes.wrap("test", "p", UserUpdated.newBuilder().setUserId("p")
                .setDisplayName("fine").build());
        // Another event type on this topic is poison too (not a ClassCastException retried as transient).
        EventEnvelope wrongType = EventEnvelopes.wrap("test", "p", VideoDeleted.newBuilder().setVideoId("v").build());
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("user.updated", "p", garbage)).get();
            producer.send(new ProducerRecord<>("user.updated", "p", poison.toByteArray())).get();
            producer.send(new ProducerRecord<>("user.updated", "p", wrongType.toByteArray())).get();
            producer.send(new ProducerRecord<>("user.updated", "p", healthy.toByteArray())).get();
        }
        awaitTrue(Duration.ofSeconds(30), () -> effects(healthy.getEventId()) == 1);
        assertEquals(0, effects(poison.getEventId()));

        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("user.updated.dlq"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && !(contains(dead, garbage) && contains(dead, poison.toByteArray())
                    && contains(dead, wrongType.toByteArray()))) {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
            }
        }
        assertTrue(contains(dead, garbage), "unparseable record is in user.updated.dlq");
        assertTrue(contains(dead, poison.toByteArray()), "poison event is in user.updated.dlq");
        assertTrue(contains(dead, wrongType.toByteArray()), "event of another type is in user.updated.dlq");
        for (ConsumerRecord<String, byte[]> record : dead) {
            Header reason = record.headers().lastHeader("dead-letter-reason");
            assertNotNull(reason, "the failure reason travels in a header");
        }
        ConsumerRecord<String, byte[]> wrong = dead.stream()
                .filter(r -> Arrays.equals(r.value(), wrongType.toByteArray())).findFirst().orElseThrow();
        assertEquals("event " + wrongType.getEventId() + " (video.deleted) carries VideoDeleted, expected UserUpdated",
                new String(wrong.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8));
    }

    private static boolean contains(List<ConsumerRecord<String, byte[]>> records, byte[] value) {
        return records.stream().anyMatch(r -> Arrays.equals(r.value(), value));
    }

    private EchoResponse emit(String userId) throws Exception {
        byte[] der = Base64.getDecoder().decode(Files.readString(Path.of(signingKeyFile)).trim());
        String token = TestKeys.token(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)),
                userId, Set.of("user"), TestKeys.AUDIENCE, Duration.ofMinutes(5));
        ManagedChannel channel = ProbeClient.channel();
        try {
            return ProbeClient.stub(channel, token).emit(EmitRequest.newBuilder().setUserId(userId).build());
        } finally {
            channel.shutdownNow();
        }
    }

    private long effects(String eventId) {
        return pool.preparedQuery("SELECT count(*) FROM probe_effect WHERE event_id = $1").execute(Tuple.of(eventId))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
