package dev.videoplatform.edge;

import io.grpc.Status;
import io.vertx.core.http.HttpServerResponse;
import java.util.OptionalLong;

/** Errors in the same JSON shape whether the edge or a service decided them. */
final class ErrorReplies {

    static final String JSON = "application/json";

    private ErrorReplies() {
    }

    static void send(HttpServerResponse response, JsonTranscoder json, int httpStatus, com.google.rpc.Status status, OptionalLong retryAfterSeconds) {
        if (response.ended() || response.closed()) {
            return;
        }
        retryAfterSeconds.ifPresent(seconds -> response.putHeader("retry-after", Long.toString(seconds)));
        response.setStatusCode(httpStatus).putHeader("content-type", JSON).end(json.error(status));
    }

    static void send(HttpServerResponse response, JsonTranscoder json, int httpStatus, Status.Code code, String message) {
        send(response, json, httpStatus, status(code, message), OptionalLong.empty());
    }

    static com.google.rpc.Status status(Status.Code code, String message) {
        return com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message).build();
    }
}
