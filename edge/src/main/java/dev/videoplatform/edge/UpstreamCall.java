package dev.videoplatform.edge;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.vertx.core.http.HttpServerResponse;

/**
 * One transcoded call: sends the request message, then answers the HTTP client with the response
 * JSON (unary) or one JSON object per line as messages arrive (server streaming). Callbacks run on
 * the request's Vert.x context (see {@code CallOptions.withExecutor}), so nothing blocks the event
 * loop and the response is only touched from its own thread. Messages are requested one at a time,
 * after the previous one left, so a slow client slows the stream instead of filling memory.
 */
final class UpstreamCall extends ClientCall.Listener<byte[]> {

    static final String NDJSON = "application/x-ndjson";

    private final HttpServerResponse response;
    private final HttpRuleIndex.Binding binding;
    private final JsonTranscoder json;
    private final ClientCall<DynamicMessage, byte[]> call;
    private byte[] unaryResponse;
    private boolean streaming;

    private UpstreamCall(HttpServerResponse response, HttpRuleIndex.Binding binding, JsonTranscoder json,
                         ClientCall<DynamicMessage, byte[]> call) {
        this.response = response;
        this.binding = binding;
        this.json = json;
        this.call = call;
    }

    static void start(Channel channel, GrpcMethods methods, CallOptions options, Metadata headers, DynamicMessage request,
                      HttpRuleIndex.Binding binding, JsonTranscoder json, HttpServerResponse response) {
        ClientCall<DynamicMessage, byte[]> call = channel.newCall(methods.of(binding.method()), options);
        UpstreamCall listener = new UpstreamCall(response, binding, json, call);
        response.closeHandler(closed -> call.cancel("HTTP client went away", null));
        call.start(listener, headers);
        call.request(1);
        call.sendMessage(request);
        call.halfClose();
    }

    @Override
    public void onMessage(byte[] message) {
        if (!binding.method().isServerStreaming()) {
            unaryResponse = message;
            return;
        }
        if (response.closed()) {
            return;
        }
        String line;
        try {
            line = json.response(binding, message) + "\n";
        } catch (InvalidProtocolBufferException e) {
            call.cancel("response not printable as JSON", e);
            return;
        }
        if (!streaming) {
            streaming = true;
            response.setStatusCode(200).putHeader("content-type", NDJSON).setChunked(true);
        }
        response.write(line);
        if (response.writeQueueFull()) {
            response.drainHandler(drained -> call.request(1));
        } else {
            call.request(1);
        }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (!status.isOk()) {
            UpstreamError error = UpstreamError.of(status, trailers);
            if (streaming) {
                // The 200 and earlier lines are gone; the last line says how the stream ended.
                response.end("{\"error\":" + json.error(error.status()) + "}\n");
            } else {
                ErrorReplies.send(response, json, error.httpStatus(), error.status(), error.retryAfterSeconds());
            }
            return;
        }
        if (binding.method().isServerStreaming()) {
            if (!streaming) {
                response.setStatusCode(200).putHeader("content-type", NDJSON);
            }
            response.end();
            return;
        }
        if (unaryResponse == null) {
            ErrorReplies.send(response, json, 500, Status.Code.INTERNAL, "upstream closed the call without a response");
            return;
        }
        try {
            response.setStatusCode(200).putHeader("content-type", ErrorReplies.JSON).end(json.response(binding, unaryResponse));
        } catch (InvalidProtocolBufferException e) {
            ErrorReplies.send(response, json, 500, Status.Code.INTERNAL, "response not printable as JSON");
        }
    }
}
