package dev.videoplatform.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.Properties;
import javax.sql.DataSource;
import dev.videoplatform.platform.events.KafkaClientSecurity;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs the service's {@link OutboxRelay} from start-up to shut-down, with an idempotent {@code acks=all} producer. */
@ApplicationScoped
public class OutboxRelayLifecycle {

    private final OutboxConfig config;
    private final Instance<DataSource> dataSource;
    private final MeterRegistry metrics;
    private final String bootstrapServers;
    private final String applicationName;
    private OutboxRelay relay;
    private KafkaProducer<String, byte[]> producer;

    public OutboxRelayLifecycle(OutboxConfig config, Instance<DataSource> dataSource, MeterRegistry metrics,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.config = config;
        this.metrics = metrics;
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
        this.applicationName = applicationName;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        producer = new KafkaProducer<>(producerConfig(bootstrapServers, applicationName + "-outbox"),
                new StringSerializer(), new ByteArraySerializer());
        relay = new OutboxRelay(dataSource.get(), producer, config.batchSize(), config.idlePoll(), config.retention());
        OutboxRelay measured = relay;
        Gauge.builder("videoplatform.outbox.backlog", measured, OutboxRelay::backlogRows)
                .description("Outbox rows not yet published to Kafka").register(metrics);
        Gauge.builder("videoplatform.outbox.oldest.unsent", measured, OutboxRelay::oldestUnsentSeconds)
                .description("Age of the oldest unpublished outbox row").baseUnit("seconds").register(metrics);
        relay.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    /** Settings that make publishing lossless and ordered per key, and the cluster's security settings. */
    public static Properties producerConfig(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.putAll(KafkaClientSecurity.settings());
        return props;
    }
}
