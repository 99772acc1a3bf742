package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * CPU-based autoscaling. The bounds also carry schema defaults so that the API server fills them in
 * before it evaluates the min ≤ max rule; the Java initializers are the same values for clients that
 * skip the API server's defaulting (and for the tests' mock server).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.minReplicas <= self.maxReplicas",
        message = "autoscaling.minReplicas must be less than or equal to autoscaling.maxReplicas")
public class AutoscalingSpec {

    @JsonPropertyDescription("Scale with a HorizontalPodAutoscaler instead of fixed replicas. Default: true.")
    private boolean enabled = true;

    @JsonPropertyDescription("Lower bound. Default: 2.")
    @Min(1)
    @Default("2")
    private int minReplicas = 2;

    @JsonPropertyDescription("Upper bound. Default: 6.")
    @Min(1)
    @Default("6")
    private int maxReplicas = 6;

    @JsonPropertyDescription("Target average CPU use, percent of the CPU request. Default: 75.")
    @Min(1)
    @Max(100)
    private int targetCpuUtilizationPercentage = 75;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMinReplicas() {
        return minReplicas;
    }

    public void setMinReplicas(int minReplicas) {
        this.minReplicas = minReplicas;
    }

    public int getMaxReplicas() {
        return maxReplicas;
    }

    public void setMaxReplicas(int maxReplicas) {
        this.maxReplicas = maxReplicas;
    }

    public int getTargetCpuUtilizationPercentage() {
        return targetCpuUtilizationPercentage;
    }

    public void setTargetCpuUtilizationPercentage(int targetCpuUtilizationPercentage) {
        this.targetCpuUtilizationPercentage = targetCpuUtilizationPercentage;
    }
}
