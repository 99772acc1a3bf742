package dev.videoplatform.user;

import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.platform.events.EventEnvelopes;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads and writes event envelopes on the devstack's Kafka as another service would. */
final class KafkaProbe {

    private KafkaProbe() {
    }

    private static TopicProbe topics() {
        return new TopicProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    static void publish(EventEnvelope envelope) {
        topics().publish(envelope.getEventType(), envelope.getAggregateKey(), envelope.toByteArray());
    }

    static List<EventEnvelope> collect(String topic, Predicate<EventEnvelope> wanted, Duration quiet, Duration timeout) {
        return topics().collect(topic, bytes -> wanted.test(EventEnvelopes.parse(bytes)), quiet, timeout).stream()
                .map(EventEnvelopes::parse).toList();
    }
}
