package dev.videoplatform.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

    @Test
    void theOperatorsVariablesBecomeKafkaClientSettings() {
        var config = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/videoplatform/kafka-ca/ca.crt"), 300) {
        }).build();

        assertEquals(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/videoplatform/kafka-ca/ca.crt"), KafkaClientSecurity.settings(config));
    }

    @Test
    void aPlaintextClusterAddsNothing() {
        var config = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"), 300) {
        }).build();

        assertEquals(Map.of(), KafkaClientSecurity.settings(config));
    }
}
