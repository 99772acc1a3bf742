package dev.videoplatform.cli.config;

import dev.videoplatform.cli.output.OutputFormat;
import jakarta.inject.Singleton;

/**
 * The global options of this run ({@code --server}, {@code --output}, {@code --verbose}), set by
 * the top command while picocli parses, read by everything else.
 */
@Singleton
public class CliSettings {

    public static final String DEFAULT_SERVER = "http://localhost:8080";

    private final ConfigDir config;
    private String serverOption;
    private OutputFormat output = OutputFormat.TEXT;
    private boolean verbose;

    public CliSettings(ConfigDir config) {
        this.config = config;
    }

    /** {@code --server}, else {@code VP_SERVER}, else the config file's, else {@value #DEFAULT_SERVER}; without a trailing slash. */
    public String server() {
        return resolveServer(serverOption, System.getenv("VP_SERVER"),
                config.read(CliConfig.FILE, CliConfig.class).map(CliConfig::server).orElse(null));
    }

    static String resolveServer(String option, String environment, String configured) {
        for (String candidate : new String[] {option, environment, configured}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip().replaceAll("/+$", "");
            }
        }
        return DEFAULT_SERVER;
    }

    /** The server named on this command line, if any. */
    public String serverOption() {
        return serverOption;
    }

    public void serverOption(String server) {
        this.serverOption = server;
    }

    public OutputFormat output() {
        return output;
    }

    public void output(OutputFormat output) {
        this.output = output;
    }

    public boolean verbose() {
        return verbose;
    }

    public void verbose(boolean verbose) {
        this.verbose = verbose;
    }
}
