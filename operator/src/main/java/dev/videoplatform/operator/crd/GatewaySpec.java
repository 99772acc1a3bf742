package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The Envoy gateway: HTTP/JSON for client apps through Envoy's gRPC-JSON transcoder (configured
 * from the contracts), JWT checks, and {@code /stream/} to streaming-service.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.ingress) || !has(self.ingress.enabled) || !self.ingress.enabled || has(self.host)",
        message = "gateway.ingress.enabled needs gateway.host")
@ValidationRule(value = "!has(self.tls) || (has(self.ingress) && has(self.ingress.enabled) && self.ingress.enabled)",
        message = "gateway.tls is served by the Ingress: set gateway.ingress.enabled")
public class GatewaySpec {

    public enum ServiceType {
        @JsonProperty("ClusterIP")
        CLUSTER_IP,
        @JsonProperty("NodePort")
        NODE_PORT,
        @JsonProperty("LoadBalancer")
        LOAD_BALANCER
    }

    @JsonPropertyDescription("Run the Envoy gateway (Deployment, Service, ConfigMap with envoy.yaml and the descriptor set). "
            + "Default: true. false deletes them.")
    private boolean enabled = true;

    @JsonPropertyDescription("Gateway replicas. Default: 2.")
    @Min(1)
    private int replicas = 2;

    @JsonPropertyDescription("Type of the gateway's Service. Default: LoadBalancer.")
    private ServiceType serviceType = ServiceType.LOAD_BALANCER;

    @JsonPropertyDescription("Public host name of the platform, e.g. videos.example.com. The services hand out "
            + "https://<host> URLs (signed uploads, playback, email links); unset, uploads get the service's default.")
    private String host;

    @JsonPropertyDescription("An Ingress for host in front of the gateway.")
    private GatewayIngressSpec ingress = new GatewayIngressSpec();

    @JsonPropertyDescription("TLS for host on the Ingress (cert-manager annotations when an issuer is set).")
    private GatewayTlsSpec tls;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    public ServiceType getServiceType() {
        return serviceType;
    }

    public void setServiceType(ServiceType serviceType) {
        this.serviceType = serviceType;
    }

    public GatewayIngressSpec getIngress() {
        return ingress;
    }

    public void setIngress(GatewayIngressSpec ingress) {
        this.ingress = ingress;
    }

    public GatewayTlsSpec getTls() {
        return tls;
    }

    public void setTls(GatewayTlsSpec tls) {
        this.tls = tls;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }
}
