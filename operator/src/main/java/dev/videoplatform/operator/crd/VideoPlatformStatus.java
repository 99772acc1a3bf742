package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Observed state, written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VideoPlatformStatus {

    public enum Phase {
        /** Reconciled; waiting for services to become ready. */
        Progressing,
        /** Reconciled and every enabled service ready. */
        Ready,
        /** The operator cannot reconcile the resource; see the Degraded condition. */
        Degraded
    }

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Progressing, Ready or Degraded.")
    private Phase phase;

    @JsonPropertyDescription("Ready, Reconciled and Degraded.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Ready services out of enabled ones, e.g. 9/10.")
    private String servicesReady;

    @JsonPropertyDescription("Replicas of every enabled service, sorted by name.")
    private List<ServiceStatus> services = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getServicesReady() {
        return servicesReady;
    }

    public void setServicesReady(String servicesReady) {
        this.servicesReady = servicesReady;
    }

    public List<ServiceStatus> getServices() {
        return services;
    }

    public void setServices(List<ServiceStatus> services) {
        this.services = services;
    }
}
