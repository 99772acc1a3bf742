package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.TreeMap;

/** An Ingress (networking.k8s.io/v1) for spec.gateway.host in front of the gateway's Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GatewayIngressSpec {

    @JsonPropertyDescription("Route https://<host>/ through an Ingress to the gateway (then a ClusterIP serviceType "
            + "is enough). Needs spec.gateway.host. Default: false; false deletes it.")
    private boolean enabled;

    @JsonPropertyDescription("ingressClassName, e.g. nginx. Unset: the cluster's default class.")
    private String className;

    @JsonPropertyDescription("Extra annotations of the Ingress (controller settings such as body size or timeouts).")
    private Map<String, String> annotations = new TreeMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getClassName() {
        return className;
    }

    public void setClassName(String className) {
        this.className = className;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
