package dev.videoplatform.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoplatform.cli.output.Output;

/** Short forms of API values for text output. */
final class Texts {

    private Texts() {
    }

    static String status(String status) {
        return status.replaceFirst("^VIDEO_STATUS_", "");
    }

    static String visibility(String visibility) {
        return visibility.replaceFirst("^VISIBILITY_", "");
    }

    /** A hint with the next page token, when there is a next page. */
    static void nextPage(Output output, JsonNode page) {
        String next = page.path("nextPageToken").asText("");
        if (!next.isEmpty()) {
            output.note("more: --page-token " + next);
        }
    }
}
