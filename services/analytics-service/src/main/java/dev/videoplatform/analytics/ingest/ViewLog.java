package dev.videoplatform.analytics.ingest;

import dev.videoplatform.events.v1.AnalyticsViewEvent;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.KafkaClientSecurity;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Appends view reports to {@code analytics.events}, keyed by video id, with the view time as the
 * record timestamp (the aggregation's event time). Idempotent and {@code acks=all}, so a report
 * acknowledged to the client is on every in-sync replica and a producer retry never duplicates
 * it; small batches (linger) keep throughput up under load without holding a lone report long.
 * No outbox: the report is the event, there is no database state to keep in step with it.
 */
// Created at startup: a bad producer setting fails the boot, not the first call.
@Startup
@ApplicationScoped
public class ViewLog {

    public static final String TOPIC = "analytics.events";
    private static final String PRODUCER = "analytics";

    private final KafkaProducer<String, byte[]> producer;

    public ViewLog(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "analytics-ingest",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
                // send() runs on the caller's thread: wait for metadata or buffer space only briefly, then fail the call.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000));
        settings.putAll(KafkaClientSecurity.settings());
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    /** Completes once Kafka has the report; fails UNAVAILABLE when it cannot take it. */
    public Uni<Void> append(AnalyticsViewEvent event) {
        return Uni.createFrom().<Void>emitter(emitter -> append(event, failure -> {
            if (failure == null) {
                emitter.complete(null);
            } else {
                emitter.fail(failure);
            }
        }));
    }

    /**
     * Sends the report; {@code acknowledged} gets null once Kafka has it, or the UNAVAILABLE
     * error, on Kafka's I/O thread or (when the send fails at once) on the caller's.
     */
    public void append(AnalyticsViewEvent event, Consumer<DomainException> acknowledged) {
        long timestamp = event.getViewTime().getSeconds() * 1000 + event.getViewTime().getNanos() / 1_000_000;
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, null, timestamp, event.getVideoId(),
                EventEnvelopes.wrap(PRODUCER, event.getVideoId(), event).toByteArray());
        try {
            producer.send(record, (metadata, failure) -> acknowledged.accept(failure == null ? null : unavailable(failure)));
        } catch (RuntimeException e) {
            acknowledged.accept(unavailable(e));
        }
    }

    private static DomainException unavailable(Throwable failure) {
        return DomainException.unavailable("VIEW_LOG_UNAVAILABLE", "views cannot be recorded now: " + failure.getMessage(),
                Duration.ofSeconds(1));
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
