package dev.videoplatform.cli.output;

/** {@code --output}: lines for people, or one JSON document per command for scripts. */
public enum OutputFormat {
    TEXT,
    JSON
}
