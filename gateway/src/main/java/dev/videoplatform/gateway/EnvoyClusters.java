package dev.videoplatform.gateway;

import static dev.videoplatform.gateway.ConfigTree.object;
import static dev.videoplatform.gateway.ConfigTree.typed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Upstream clusters: one HTTP/2 cluster per distinct gRPC upstream (two services served by one
 * module share it), one HTTP/1.1 cluster for streaming-service's HLS files and one for upload-service's signed PUTs, one for the JWKS.
 */
final class EnvoyClusters {

    private static final String HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

    private EnvoyClusters() {
    }

    static String grpcCluster(Upstream upstream) {
        return "grpc_" + label(upstream);
    }

    /** A plain HTTP/1.1 cluster: streaming-service's HLS files, upload-service's signed PUTs, the unsubscribe link. */
    static String httpCluster(Upstream upstream) {
        return "http_" + label(upstream);
    }

    static String jwksCluster(Upstream upstream) {
        return "jwks_" + label(upstream);
    }

    static List<Object> clusters(GatewaySpec spec) {
        List<Object> clusters = new ArrayList<>();
        Set<Upstream> grpcUpstreams = new LinkedHashSet<>(spec.grpcUpstreams().values());
        for (Upstream upstream : grpcUpstreams) {
            clusters.add(cluster(grpcCluster(upstream), upstream, object("http2_protocol_options", object())));
        }
        clusters.add(cluster(httpCluster(spec.streaming()), spec.streaming(), object("http_protocol_options", object())));
        spec.uploads().ifPresent(uploads ->
                clusters.add(cluster(httpCluster(uploads), uploads, object("http_protocol_options", object()))));
        spec.notifications().ifPresent(notifications ->
                clusters.add(cluster(httpCluster(notifications), notifications, object("http_protocol_options", object()))));
        Upstream jwks = spec.tokenIssuer().jwksUpstream();
        clusters.add(cluster(jwksCluster(jwks), jwks, object("http_protocol_options", object())));
        return clusters;
    }

    private static Map<String, Object> cluster(String name, Upstream upstream, Map<String, Object> explicitHttpConfig) {
        return object(
                "name", name,
                "type", "STRICT_DNS",
                "connect_timeout", "2s",
                "lb_policy", "ROUND_ROBIN",
                // Explicit protocols: without TLS there is no ALPN to negotiate one.
                "typed_extension_protocol_options", object(
                        HTTP_PROTOCOL_OPTIONS, typed(HTTP_PROTOCOL_OPTIONS, object("explicit_http_config", explicitHttpConfig))),
                "load_assignment", object(
                        "cluster_name", name,
                        "endpoints", List.of(object("lb_endpoints", List.of(object("endpoint", object(
                                "address", socketAddress(upstream.host(), upstream.port()))))))));
    }

    static Map<String, Object> socketAddress(String host, int port) {
        return object("socket_address", object("address", host, "port_value", port));
    }

    /** Cluster names end up in stat names, where dots mean hierarchy. */
    private static String label(Upstream upstream) {
        return upstream.host().replaceAll("[^A-Za-z0-9-]", "_") + "_" + upstream.port();
    }
}
