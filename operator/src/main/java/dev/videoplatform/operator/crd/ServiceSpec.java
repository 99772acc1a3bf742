package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.ArrayList;
import java.util.List;

/** How one service runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceSpec {

    @JsonPropertyDescription("Run this service. Disabling it removes its Deployment, Service, autoscaler and "
            + "disruption budget. Default: true.")
    private boolean enabled = true;

    @JsonPropertyDescription("Replicas when autoscaling is off. Default: 2.")
    @Min(1)
    private int replicas = 2;

    @JsonPropertyDescription("Horizontal autoscaling on CPU.")
    private AutoscalingSpec autoscaling = new AutoscalingSpec();

    @JsonPropertyDescription("Container resources. Default: requests 100m CPU and 256Mi memory, limit 512Mi memory "
            + "(autoscaling needs a CPU request).")
    private ResourceRequirements resources = defaultResources();

    @JsonPropertyDescription("Extra environment variables, added after the operator's own (so they win).")
    private List<EnvVar> env = new ArrayList<>();

    private static ResourceRequirements defaultResources() {
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("256Mi"))
                .addToLimits("memory", new Quantity("512Mi"))
                .build();
    }

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

    public AutoscalingSpec getAutoscaling() {
        return autoscaling;
    }

    public void setAutoscaling(AutoscalingSpec autoscaling) {
        this.autoscaling = autoscaling;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public List<EnvVar> getEnv() {
        return env;
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env;
    }
}
