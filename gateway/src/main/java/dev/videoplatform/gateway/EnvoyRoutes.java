package dev.videoplatform.gateway;

import static dev.videoplatform.gateway.ConfigTree.object;
import static dev.videoplatform.gateway.ConfigTree.typed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The route table. Envoy tries routes in order and takes the first match, so exact paths come
 * before the prefixes that contain them. Transcoded requests are matched on their gRPC path
 * ({@code /package.Service/Method}): the transcoder rewrites the path and clears the route cache.
 */
final class EnvoyRoutes {

    static final String HEALTH_PATH = "/healthz";
    static final String STREAM_PREFIX = "/stream/";
    static final String UPLOADS_PREFIX = "/uploads/";
    static final String UNSUBSCRIBE_PATH = "/v1/notifications/unsubscribe";

    private static final String NOT_FOUND_JSON = "{\"code\":5,\"message\":\"no such route\",\"details\":[]}";

    private EnvoyRoutes() {
    }

    static Map<String, Object> virtualHost(ClientFacingApi api, GatewaySpec spec) {
        return object(
                "name", "platform",
                "domains", List.of("*"),
                "typed_per_filter_config", object(EnvoyHttpFilters.CORS, corsPolicy(spec.corsOrigins())),
                // Services rate-limit by the first x-forwarded-for hop: it must be the peer Envoy
                // saw, never a value the client wrote.
                "request_headers_to_add", List.of(object(
                        "header", object("key", "x-forwarded-for", "value", "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%"),
                        "append_action", "OVERWRITE_IF_EXISTS_OR_ADD")),
                "routes", routes(api, spec));
    }

    static List<Object> routes(ClientFacingApi api, GatewaySpec spec) {
        List<Object> routes = new ArrayList<>();
        routes.add(object(
                "name", "health",
                "match", object("path", HEALTH_PATH),
                "direct_response", object("status", 200, "body", object("inline_string", "ok\n")),
                "typed_per_filter_config", disabled(EnvoyHttpFilters.TRANSCODER, EnvoyHttpFilters.LOCAL_RATE_LIMIT)));
        routes.add(object(
                "name", "stream",
                "match", object("prefix", STREAM_PREFIX),
                // Plain HTTP for CDN-cacheable HLS; a long download is fine as long as bytes flow.
                "route", object(
                        "cluster", EnvoyClusters.httpCluster(spec.streaming()),
                        "timeout", "0s",
                        "idle_timeout", EnvoyHttpFilters.seconds(spec.upstreamTimeout())),
                "typed_per_filter_config", disabled(EnvoyHttpFilters.TRANSCODER)));
        spec.uploads().ifPresent(uploads -> routes.add(object(
                "name", "uploads",
                "match", object("prefix", UPLOADS_PREFIX),
                // Signed PUTs of raw video bytes: streamed, never buffered, as long as bytes flow.
                "route", object(
                        "cluster", EnvoyClusters.httpCluster(uploads),
                        "timeout", "0s",
                        "idle_timeout", EnvoyHttpFilters.seconds(spec.upstreamTimeout())),
                "typed_per_filter_config", disabled(EnvoyHttpFilters.TRANSCODER))));
        spec.notifications().ifPresent(notifications -> routes.add(object(
                "name", "unsubscribe",
                "match", object("path", UNSUBSCRIBE_PATH),
                // The emails' one-click link (RFC 8058): a form POST and an HTML page, not JSON.
                "route", object(
                        "cluster", EnvoyClusters.httpCluster(notifications),
                        "timeout", EnvoyHttpFilters.seconds(spec.upstreamTimeout())),
                "typed_per_filter_config", disabled(EnvoyHttpFilters.TRANSCODER))));
        for (ClientFacingApi.Service service : api.services()) {
            String cluster = EnvoyClusters.grpcCluster(spec.grpcUpstreams().get(service.fullName()));
            for (ClientFacingApi.Rpc rpc : service.rpcs()) {
                if (rpc.isInternal()) {
                    // Internal RPCs are for other services only, never through the gateway.
                    routes.add(object(
                            "name", rpc.grpcPath(),
                            "match", object("path", rpc.grpcPath()),
                            "direct_response", object("status", 404)));
                } else if (rpc.serverStreaming()) {
                    // Server streams (watch, notifications) live as long as the client listens.
                    routes.add(object(
                            "name", rpc.grpcPath(),
                            "match", object("path", rpc.grpcPath(), "grpc", object()),
                            "route", object("cluster", cluster, "timeout", "0s")));
                }
            }
            routes.add(object(
                    "name", service.fullName(),
                    "match", object("prefix", service.grpcPathPrefix(), "grpc", object()),
                    "route", object("cluster", cluster, "timeout", EnvoyHttpFilters.seconds(spec.upstreamTimeout()))));
        }
        // Last: a JSON 404. It is also the route an untranscoded request (a CORS preflight for
        // /v1/...) matches at first, which gives the CORS filter a route to read its policy from.
        routes.add(object(
                "name", "not-found",
                "match", object("prefix", "/"),
                "direct_response", object("status", 404, "body", object("inline_string", NOT_FOUND_JSON)),
                "response_headers_to_add", List.of(object(
                        "header", object("key", "content-type", "value", "application/json"),
                        "append_action", "OVERWRITE_IF_EXISTS_OR_ADD"))));
        return routes;
    }

    private static Map<String, Object> disabled(String... filters) {
        Map<String, Object> perFilter = object();
        for (String filter : filters) {
            perFilter.put(filter, typed("envoy.config.route.v3.FilterConfig", object("disabled", true)));
        }
        return perFilter;
    }

    private static Map<String, Object> corsPolicy(List<String> origins) {
        List<Object> matchers = origins.stream()
                .<Object>map(origin -> "*".equals(origin) ? object("safe_regex", object("regex", ".*")) : object("exact", origin))
                .toList();
        return typed("envoy.extensions.filters.http.cors.v3.CorsPolicy", object(
                "allow_origin_string_match", matchers,
                "allow_methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS",
                "allow_headers", "authorization, content-type, x-request-id",
                "expose_headers", "retry-after, x-request-id",
                "max_age", "86400"));
    }
}
