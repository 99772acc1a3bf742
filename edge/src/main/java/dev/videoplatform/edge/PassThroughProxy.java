package dev.videoplatform.edge;

import dev.videoplatform.gateway.Upstream;
import io.grpc.Status;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Plain HTTP passed through to one upstream: {@code /stream/...} to streaming-service (HLS),
 * {@code /uploads/...} to upload-service (signed PUTs of raw video bytes) and the emails'
 * unsubscribe link to notification-service. Method, path, query and
 * end-to-end headers (Range, If-None-Match, Content-Range, ...) go up; status, headers and the
 * body stream back as they arrive, with back-pressure both ways, so neither a segment nor a
 * gigabyte upload is ever held in memory.
 */
final class PassThroughProxy implements Handler<RoutingContext> {

    /** Meaningful for one connection only (RFC 9110 §7.6.1), so never forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    private final HttpClient client;
    private final Upstream upstream;
    private final String upstreamName;
    private final JsonTranscoder json;

    PassThroughProxy(Vertx vertx, Upstream upstream, String upstreamName, Duration idleTimeout, JsonTranscoder json) {
        // An idle timeout on the connection: it fires only when no byte moves either way. A request's
        // own idle timeout counts answer bytes only, so it would cut a PUT still sending after 30 s.
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setIdleTimeout(Math.toIntExact(idleTimeout.toMillis())));
        this.upstream = upstream;
        this.upstreamName = upstreamName;
        this.json = json;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setURI(request.uri());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        copyEndToEnd(request.headers(), headers);
        headers.set("x-forwarded-for", request.remoteAddress().hostAddress());
        options.setHeaders(headers);
        client.request(options)
                .compose(call -> call.send(request))
                .onSuccess(answer -> {
                    response.setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
                    copyEndToEnd(answer.headers(), response.headers());
                    if (!answer.headers().contains("content-length")) {
                        response.setChunked(true);
                    }
                    answer.pipeTo(response);
                })
                .onFailure(failure -> ErrorReplies.send(response, json, 502, Status.Code.UNAVAILABLE,
                        upstreamName + " unreachable: " + failure.getMessage()));
    }

    private static void copyEndToEnd(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }
}
