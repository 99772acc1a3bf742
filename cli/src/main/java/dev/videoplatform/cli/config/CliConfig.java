package dev.videoplatform.cli.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code config.json}: the server to talk to when neither {@code --server} nor {@code VP_SERVER} says. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record CliConfig(String server) {

    public static final String FILE = "config.json";
}
