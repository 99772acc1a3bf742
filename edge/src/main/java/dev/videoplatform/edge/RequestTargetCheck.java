package dev.videoplatform.edge;

import io.grpc.Status;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * First on every route: refuses a request target that is no URI, or whose percent-escapes are
 * malformed or not UTF-8, with the edge's JSON 400, before it reaches a handler or an upstream.
 * Quarkus' own check (an empty 400, before any route) is off for the edge: see {@link EdgeMain}.
 */
final class RequestTargetCheck implements Handler<RoutingContext> {

    private final JsonTranscoder json;

    RequestTargetCheck(JsonTranscoder json) {
        this.json = json;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        try {
            PercentDecoding.pathSegment(request.path(), false);
            if (request.query() != null) {
                PercentDecoding.query(request.query());
            }
            new URI(request.uri());
        } catch (URISyntaxException e) {
            ErrorReplies.send(ctx.response(), json, 400, Status.Code.INVALID_ARGUMENT, "request target is not a URI: " + e.getReason());
            return;
        } catch (InvalidRequest e) {
            ErrorReplies.send(ctx.response(), json, 400, Status.Code.INVALID_ARGUMENT, e.getMessage());
            return;
        }
        ctx.next();
    }
}
