package dev.videoplatform.edge;

import io.grpc.Status;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.jboss.logging.Logger;

/**
 * Answers every request that failed before or inside a handler (a path Vert.x refuses, a body
 * over the limit, a handler's exception) with a JSON error of the usual shape: without it,
 * Quarkus' error handler answers an empty 4xx or an HTML 500.
 */
final class FailureReplies implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(FailureReplies.class);

    private final JsonTranscoder json;
    private final int maxRequestBytes;

    FailureReplies(JsonTranscoder json, int maxRequestBytes) {
        this.json = json;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        int status = ctx.statusCode() > 0 ? ctx.statusCode()
                : ctx.failure() instanceof HttpException http ? http.getStatusCode() : 500;
        if (response.headWritten()) {
            // Failed mid-answer: the status line is gone, so only a cut connection tells the client.
            LOG.debugf(ctx.failure(), "request failed after its answer began: %s %s", ctx.request().method(), ctx.request().path());
            response.reset();
        } else if (status == 413) {
            // The rest of the body is never read, so this connection cannot be reused.
            response.putHeader("connection", "close");
            ErrorReplies.send(response, json, 413, Status.Code.INVALID_ARGUMENT, "request body larger than " + maxRequestBytes + " bytes");
        } else if (status >= 400 && status < 500) {
            ErrorReplies.send(response, json, status, codeOf(status), HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase()
                    + (ctx.failure() == null || ctx.failure().getMessage() == null ? "" : ": " + ctx.failure().getMessage()));
        } else {
            LOG.error("edge request failed", ctx.failure());
            ErrorReplies.send(response, json, 500, Status.Code.INTERNAL, "edge failure");
        }
    }

    /** The gRPC code of a client error Vert.x decided, the inverse of {@link GrpcHttpStatus} where it has one. */
    private static Status.Code codeOf(int status) {
        return switch (status) {
            case 401 -> Status.Code.UNAUTHENTICATED;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404 -> Status.Code.NOT_FOUND;
            case 405 -> Status.Code.UNIMPLEMENTED;
            case 409 -> Status.Code.ALREADY_EXISTS;
            case 429 -> Status.Code.RESOURCE_EXHAUSTED;
            default -> Status.Code.INVALID_ARGUMENT;
        };
    }
}
