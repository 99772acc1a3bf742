package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Metrics collection by a Prometheus Operator (the services serve Prometheus metrics on {@code /q/metrics}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonitoringSpec {

    @JsonPropertyDescription("A ServiceMonitor (monitoring.coreos.com/v1) scraping every service.")
    private ServiceMonitorSpec serviceMonitor = new ServiceMonitorSpec();

    public ServiceMonitorSpec getServiceMonitor() {
        return serviceMonitor;
    }

    public void setServiceMonitor(ServiceMonitorSpec serviceMonitor) {
        this.serviceMonitor = serviceMonitor;
    }
}
