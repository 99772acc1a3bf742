package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** SASL credentials of the services' Kafka clients, from the Secret Strimzi's KafkaUser operator writes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaAuthenticationSpec {

    /** The key of a Strimzi KafkaUser Secret holding the whole JAAS line (username and password). */
    public static final String JAAS_CONFIG_KEY = "sasl.jaas.config";

    public enum Type {
        @JsonProperty("scram-sha-512")
        SCRAM_SHA_512
    }

    @JsonPropertyDescription("SASL mechanism. Only scram-sha-512 (Strimzi's KafkaUser authentication type).")
    private Type type = Type.SCRAM_SHA_512;

    @JsonPropertyDescription("Secret in the platform's namespace with the key sasl.jaas.config, as Strimzi's "
            + "KafkaUser operator creates it (named after the KafkaUser).")
    @Required
    private String secretName;

    public Type getType() {
        return type;
    }

    public void setType(Type type) {
        this.type = type;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }
}
