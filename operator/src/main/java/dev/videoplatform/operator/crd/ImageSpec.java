package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Images are {@code <registry>/videoplatform-<service>-service:<tag>}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageSpec {

    public enum PullPolicy {
        @JsonProperty("Always")
        ALWAYS("Always"),
        @JsonProperty("IfNotPresent")
        IF_NOT_PRESENT("IfNotPresent"),
        @JsonProperty("Never")
        NEVER("Never");

        private final String value;

        PullPolicy(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    @JsonPropertyDescription("Image registry and path prefix. Default: ghcr.io/videoplatform.")
    private String registry = "ghcr.io/videoplatform";

    @JsonPropertyDescription("Image tag of every service. Default: the operator's own version.")
    private String tag;

    @JsonPropertyDescription("Image pull policy. Default: IfNotPresent.")
    private PullPolicy pullPolicy = PullPolicy.IF_NOT_PRESENT;

    @JsonPropertyDescription("Names of image pull Secrets in the platform's namespace.")
    private List<String> pullSecrets = new ArrayList<>();

    public String getRegistry() {
        return registry;
    }

    public void setRegistry(String registry) {
        this.registry = registry;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    public PullPolicy getPullPolicy() {
        return pullPolicy;
    }

    public void setPullPolicy(PullPolicy pullPolicy) {
        this.pullPolicy = pullPolicy;
    }

    public List<String> getPullSecrets() {
        return pullSecrets;
    }

    public void setPullSecrets(List<String> pullSecrets) {
        this.pullSecrets = pullSecrets;
    }
}
