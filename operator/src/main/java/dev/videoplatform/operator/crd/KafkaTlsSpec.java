package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** TLS to the Kafka brokers, trusting the cluster's CA (Strimzi's {@code <cluster>-cluster-ca-cert} Secret). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaTlsSpec {

    @JsonPropertyDescription("Connect to the brokers over TLS. Default: false.")
    private boolean enabled;

    @JsonPropertyDescription("Secret in the platform's namespace holding the brokers' CA certificate (PEM), e.g. a copy "
            + "of Strimzi's <cluster>-cluster-ca-cert. Unset: the JVM's default trust store (a public CA).")
    private String caSecretName;

    @JsonPropertyDescription("Key of the CA certificate in caSecretName. Default: ca.crt (Strimzi's).")
    private String caCertificateKey = "ca.crt";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getCaSecretName() {
        return caSecretName;
    }

    public void setCaSecretName(String caSecretName) {
        this.caSecretName = caSecretName;
    }

    public String getCaCertificateKey() {
        return caCertificateKey;
    }

    public void setCaCertificateKey(String caCertificateKey) {
        this.caCertificateKey = caCertificateKey;
    }

    /** True when the services must trust a CA from a Secret (mounted as a PEM trust store). */
    public boolean hasCaSecret() {
        return enabled && caSecretName != null && !caSecretName.isBlank();
    }
}
