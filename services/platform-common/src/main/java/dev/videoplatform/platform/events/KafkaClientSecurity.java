package dev.videoplatform.platform.events;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The settings of a secured Kafka cluster (TLS, SASL) for the Kafka clients a service makes itself.
 * SmallRye's channels take every {@code kafka.*} setting on their own; a hand-made producer gets
 * only what it is given, so it adds these. In a cluster they come from the operator's KAFKA_*
 * variables (e.g. KAFKA_SASL_JAAS_CONFIG is {@code kafka.sasl.jaas.config}); unset, the client
 * speaks plaintext as before.
 */
public final class KafkaClientSecurity {

    static final List<String> SETTINGS = List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
            "ssl.truststore.type", "ssl.truststore.location", "ssl.endpoint.identification.algorithm");

    private KafkaClientSecurity() {
    }

    /** The application's settings, keyed by Kafka client property name. */
    public static Map<String, String> settings() {
        return settings(ConfigProvider.getConfig());
    }

    static Map<String, String> settings(Config config) {
        Map<String, String> settings = new TreeMap<>();
        for (String name : SETTINGS) {
            config.getOptionalValue("kafka." + name, String.class).ifPresent(value -> settings.put(name, value));
        }
        return settings;
    }
}
