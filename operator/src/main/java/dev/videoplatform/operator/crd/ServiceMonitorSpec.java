package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.TreeMap;

/** The operator's ServiceMonitor, for clusters that run the Prometheus Operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceMonitorSpec {

    @JsonPropertyDescription("Create a ServiceMonitor scraping /q/metrics of every service. Default: false. Needs the "
            + "Prometheus Operator's CRDs; without them the platform reports Degraded and runs on. false deletes it.")
    private boolean enabled;

    @JsonPropertyDescription("Extra labels of the ServiceMonitor, e.g. the one your Prometheus' serviceMonitorSelector "
            + "matches (release: prometheus).")
    private Map<String, String> labels = new TreeMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }
}
