package dev.videoplatform.gateway;

/**
 * A generated gateway: {@code envoy.yaml}, and the descriptor set the transcoder reads (to be
 * mounted at the configured path unless it is embedded in the YAML).
 */
public record EnvoyConfig(String yaml, byte[] descriptorSet) {
}
