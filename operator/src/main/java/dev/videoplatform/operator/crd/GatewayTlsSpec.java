package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** TLS of the public host, terminated by the Ingress; cert-manager issues the certificate when asked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GatewayTlsSpec {

    @JsonPropertyDescription("Secret with the certificate (tls.crt, tls.key) for spec.gateway.host; cert-manager "
            + "writes it when an issuer is set. Default: <name>-gateway-tls.")
    private String secretName;

    @JsonPropertyDescription("cert-manager ClusterIssuer that issues the certificate (annotation "
            + "cert-manager.io/cluster-issuer), e.g. letsencrypt-prod.")
    private String clusterIssuer;

    @JsonPropertyDescription("cert-manager Issuer in the platform's namespace (annotation cert-manager.io/issuer).")
    private String issuer;

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public String getClusterIssuer() {
        return clusterIssuer;
    }

    public void setClusterIssuer(String clusterIssuer) {
        this.clusterIssuer = clusterIssuer;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }
}
