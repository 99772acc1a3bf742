package dev.videoplatform.edge;

import dev.videoplatform.gateway.Upstream;
import io.grpc.Status;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.OptionalLong;

/**
 * The edge's HTTP surface: {@code /healthz}, {@code /stream/*} to streaming-service,
 * {@code /uploads/*} (signed raw-byte PUTs) to upload-service, {@code /v1/notifications/unsubscribe}
 * (the emails' one-click link, a form POST and a page, not JSON) to notification-service,
 * the web app for GET and HEAD outside {@code /v1/}, everything else transcoded.
 */
@ApplicationScoped
public class EdgeRoutes {

    /** notification-service's plain HTTP route, the link in every email (RFC 8058). */
    static final String UNSUBSCRIBE = "/v1/notifications/unsubscribe";

    void register(@Observes Router router, EdgeConfig config, EdgeContracts contracts, UpstreamChannels channels, Vertx vertx) {
        JsonTranscoder json = contracts.json();
        ClientRateLimiter limiter = new ClientRateLimiter(config.rateLimit().requestsPerSecond(), config.rateLimit().burst(), System::nanoTime);
        Handler<RoutingContext> rateLimit = ctx -> {
            if (limiter.tryAcquire(ctx.request().remoteAddress().hostAddress())) {
                ctx.next();
            } else {
                ErrorReplies.send(ctx.response(), json, 429,
                        ErrorReplies.status(Status.Code.RESOURCE_EXHAUSTED, "too many requests from this address"),
                        OptionalLong.of(limiter.retryAfterSeconds()));
            }
        };

        // Routes run in this order; the rate limit is its own route because Vert.x wants the body
        // handler first in a route, and the limit must come before any body is read. A failure
        // anywhere, Vert.x's own refusals included, goes to the first route's failure handler.
        router.route().handler(new RequestTargetCheck(json)).failureHandler(new FailureReplies(json, config.maxRequestBytes()));
        router.get("/healthz").handler(ctx -> ctx.response().putHeader("content-type", ErrorReplies.JSON).end("{\"status\":\"UP\"}"));
        router.route().handler(rateLimit);
        router.route("/stream/*").handler(new PassThroughProxy(vertx, Upstream.parse(config.streaming()), "streaming-service",
                config.deadline(), json));
        router.route("/uploads/*").handler(new PassThroughProxy(vertx, Upstream.parse(config.uploads()), "upload-service",
                config.deadline(), json));
        router.route(UNSUBSCRIBE).handler(new PassThroughProxy(vertx, Upstream.parse(config.notifications()),
                "notification-service", config.deadline(), json));
        WebApp app = new WebApp(config.webRoot(), vertx, json);
        router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(app);
        router.route()
                .handler(BodyHandler.create(false).setMergeFormAttributes(false).setBodyLimit(config.maxRequestBytes()))
                .handler(new TranscodingHandler(contracts, channels, config.deadline(), config.streamDeadline()));
    }
}
