package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** OpenTelemetry trace export of every service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObservabilitySpec {

    @JsonPropertyDescription("OTLP gRPC endpoint, e.g. http://otel-collector:4317. Unset: traces are not exported.")
    private String otlpEndpoint;

    @JsonPropertyDescription("Share of new traces sampled (parent-based), 0 to 1. Default: 0.1.")
    @Min(0)
    @Max(1)
    private double samplingRatio = 0.1;

    public String getOtlpEndpoint() {
        return otlpEndpoint;
    }

    public void setOtlpEndpoint(String otlpEndpoint) {
        this.otlpEndpoint = otlpEndpoint;
    }

    public double getSamplingRatio() {
        return samplingRatio;
    }

    public void setSamplingRatio(double samplingRatio) {
        this.samplingRatio = samplingRatio;
    }
}
