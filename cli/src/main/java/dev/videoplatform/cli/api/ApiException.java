package dev.videoplatform.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videoplatform.cli.exit.CliException;
import dev.videoplatform.cli.exit.ExitCode;
import java.util.ArrayList;
import java.util.List;

/**
 * An error answer of the API: its HTTP status (which decides the exit code), the server's
 * message and, for invalid arguments, its field violations. The edge answers
 * {@code {"code", "message", "details": [{"@type": ".../google.rpc.BadRequest", "fieldViolations": [...]}]}};
 * the signed upload URL {@code {"code", "reason", "message"}}.
 */
public final class ApiException extends CliException {

    private final int status;
    private final String reason;

    private ApiException(int status, String message, String reason) {
        super(ExitCode.forHttpStatus(status), message);
        this.status = status;
        this.reason = reason;
    }

    public static ApiException of(int status, String body, ObjectMapper json) {
        JsonNode error;
        try {
            error = json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (Exception notJson) {
            return new ApiException(status, "the server answered HTTP " + status, "");
        }
        if (error.has("error") && error.get("error").isObject()) {
            error = error.get("error"); // the last line of a failed NDJSON stream
        }
        String message = error.path("message").asText("");
        if (message.isEmpty()) {
            message = "the server answered HTTP " + status;
        }
        String reason = error.path("reason").asText("");
        List<String> violations = new ArrayList<>();
        for (JsonNode detail : error.path("details")) {
            if (reason.isEmpty() && detail.has("reason")) {
                reason = detail.get("reason").asText();
            }
            for (JsonNode violation : detail.path("fieldViolations")) {
                violations.add(violation.path("field").asText() + ": " + violation.path("description").asText());
            }
        }
        if (!violations.isEmpty()) {
            message += " (" + String.join("; ", violations) + ")";
        }
        return new ApiException(status, message, reason);
    }

    /** The {@code {"error": ...}} line that ends a failed server stream, with the HTTP status of its gRPC code. */
    public static ApiException ofStreamError(String line, ObjectMapper json) {
        int grpcCode;
        try {
            grpcCode = json.readTree(line).path("error").path("code").asInt(2);
        } catch (Exception notJson) {
            grpcCode = 2;
        }
        return of(httpStatus(grpcCode), line, json);
    }

    /** google/rpc/code.proto's HTTP mapping, for the codes whose exit codes differ. */
    static int httpStatus(int grpcCode) {
        return switch (grpcCode) {
            case 3, 9, 11 -> 400;
            case 16 -> 401;
            case 7 -> 403;
            case 5 -> 404;
            case 14 -> 503;
            case 4 -> 504;
            default -> 500;
        };
    }

    public int status() {
        return status;
    }

    /** The stable ErrorInfo reason, or empty. */
    public String reason() {
        return reason;
    }
}
