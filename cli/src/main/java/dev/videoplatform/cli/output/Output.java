package dev.videoplatform.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videoplatform.cli.config.CliSettings;
import jakarta.inject.Singleton;
import java.io.PrintStream;

/** A command's result on stdout: text lines, or with {@code --output json} exactly one JSON document. */
@Singleton
public class Output {

    private final CliSettings settings;
    private final ObjectMapper json;
    private final PrintStream out = System.out;

    public Output(CliSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    public boolean json() {
        return settings.output() == OutputFormat.JSON;
    }

    /** Prints {@code document} as the command's JSON result. */
    public void document(Object document) {
        try {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print the result as JSON", e);
        }
        out.flush();
    }

    /** A line of the text result. */
    public void line(String text) {
        out.println(text);
        out.flush();
    }

    /** Progress and notes for people: stderr, and only in text mode, so stdout stays the result. */
    public void note(String text) {
        if (!json()) {
            System.err.println(text);
        }
    }
}
