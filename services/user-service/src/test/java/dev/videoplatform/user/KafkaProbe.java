package dev.videoplatform.user;

import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.platform.events.EventEnvelopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads and writes the devstack's Kafka as another service would. */
final class KafkaProbe {

    private KafkaProbe() {
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static void publish(EventEnvelope envelope) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(envelope.getEventType(), envelope.getAggregateKey(), envelope.toByteArray())).get();
        }
    }

    /**
     * Every envelope on {@code topic} matching {@code wanted}, read from the start until
     * {@code quiet} has passed with nothing new after the first match (or {@code timeout}).
     */
    static List<EventEnvelope> collect(String topic, Predicate<EventEnvelope> wanted, Duration quiet, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<EventEnvelope> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        long quietUntil = Long.MAX_VALUE;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    EventEnvelope envelope = EventEnvelopes.parse(record.value());
                    if (wanted.test(envelope)) {
                        found.add(envelope);
                        quietUntil = System.nanoTime() + quiet.toNanos();
                    }
                }
            }
        }
        return found;
    }
}
