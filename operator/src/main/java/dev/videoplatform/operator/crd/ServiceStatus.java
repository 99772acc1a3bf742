package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Replicas of one service as its Deployment reports them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceStatus {

    @JsonPropertyDescription("Service name.")
    private String name;

    @JsonPropertyDescription("Replicas the Deployment asks for (set by the autoscaler when it is on).")
    private int desiredReplicas;

    @JsonPropertyDescription("Replicas passing their readiness probe.")
    private int readyReplicas;

    public ServiceStatus() {
    }

    public ServiceStatus(String name, int desiredReplicas, int readyReplicas) {
        this.name = name;
        this.desiredReplicas = desiredReplicas;
        this.readyReplicas = readyReplicas;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getDesiredReplicas() {
        return desiredReplicas;
    }

    public void setDesiredReplicas(int desiredReplicas) {
        this.desiredReplicas = desiredReplicas;
    }

    public int getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(int readyReplicas) {
        this.readyReplicas = readyReplicas;
    }
}
