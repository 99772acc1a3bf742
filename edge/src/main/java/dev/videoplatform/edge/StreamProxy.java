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

/**
 * {@code /stream/...} passed through to streaming-service as plain HTTP: method, path, query and
 * end-to-end headers (Range, If-None-Match, ...) go up; status, headers and the body stream back
 * as they arrive, with back-pressure both ways.
 */
final class StreamProxy implements Handler<RoutingContext> {

    /** Meaningful for one connection only (RFC 9110 §7.6.1), so never forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    private final HttpClient client;
    private final Upstream streaming;
    private final Duration idleTimeout;
    private final JsonTranscoder json;

    StreamProxy(Vertx vertx, Upstream streaming, Duration idleTimeout, JsonTranscoder json) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
        this.streaming = streaming;
        this.idleTimeout = idleTimeout;
        this.json = json;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(streaming.host())
                .setPort(streaming.port())
                .setURI(request.uri())
                .setIdleTimeout(idleTimeout.toMillis());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        copyEndToEnd(request.headers(), headers);
        headers.set("x-forwarded-for", request.remoteAddress().hostAddress());
        options.setHeaders(headers);
        client.request(options)
                .compose(upstream -> upstream.send(request))
                .onSuccess(upstream -> {
                    response.setStatusCode(upstream.statusCode()).setStatusMessage(upstream.statusMessage());
                    copyEndToEnd(upstream.headers(), response.headers());
                    if (!upstream.headers().contains("content-length")) {
                        response.setChunked(true);
                    }
                    upstream.pipeTo(response);
                })
                .onFailure(failure -> ErrorReplies.send(response, json, 502, Status.Code.UNAVAILABLE,
                        "streaming service unreachable: " + failure.getMessage()));
    }

    private static void copyEndToEnd(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }
}
