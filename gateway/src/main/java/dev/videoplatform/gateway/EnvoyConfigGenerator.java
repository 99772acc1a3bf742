package dev.videoplatform.gateway;

import static dev.videoplatform.gateway.ConfigTree.object;
import static dev.videoplatform.gateway.ConfigTree.typed;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generates Envoy's bootstrap configuration (v3 API) for the gateway: one HTTP listener with CORS,
 * a local rate limit, the gRPC-JSON transcoder, JWT verification and the router, routes per
 * client-facing service over HTTP/2, and {@code /stream/} to streaming-service as plain HTTP.
 * Which services are exposed and which RPCs are public is read from the descriptor set; the
 * deployment only says where things run ({@link GatewaySpec}).
 */
public final class EnvoyConfigGenerator {

    private EnvoyConfigGenerator() {
    }

    public static EnvoyConfig generate(DescriptorSet contracts, GatewaySpec spec) {
        ClientFacingApi api = ClientFacingApi.of(contracts);
        requireUpstreamForEachService(api, spec);
        byte[] descriptorSet = EnvoyDescriptorSet.of(contracts).toByteArray();
        Map<String, Object> bootstrap = object(
                "admin", object("address", EnvoyClusters.socketAddress("127.0.0.1", 9901)),
                "static_resources", object(
                        "listeners", List.of(listener(api, spec, descriptorSet)),
                        "clusters", EnvoyClusters.clusters(spec)));
        return new EnvoyConfig(ConfigTree.toYaml(bootstrap), descriptorSet);
    }

    private static Map<String, Object> listener(ClientFacingApi api, GatewaySpec spec, byte[] descriptorSet) {
        Map<String, Object> connectionManager = typed(
                "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager", object(
                        "stat_prefix", "ingress_http",
                        "codec_type", "AUTO",
                        // Envoy is the edge: the peer address is the client, not a trusted hop.
                        "use_remote_address", true,
                        "normalize_path", true,
                        "merge_slashes", true,
                        "route_config", object(
                                "name", "platform",
                                "virtual_hosts", List.of(EnvoyRoutes.virtualHost(api, spec))),
                        "http_filters", EnvoyHttpFilters.chain(api, spec, descriptorSet)));
        return object(
                "name", "ingress_http",
                "address", EnvoyClusters.socketAddress("0.0.0.0", spec.listenerPort()),
                "filter_chains", List.of(object("filters", List.of(object(
                        "name", "envoy.filters.network.http_connection_manager",
                        "typed_config", connectionManager)))));
    }

    private static void requireUpstreamForEachService(ClientFacingApi api, GatewaySpec spec) {
        Set<String> exposed = new TreeSet<>();
        api.services().forEach(service -> exposed.add(service.fullName()));
        Set<String> missing = new TreeSet<>(exposed);
        missing.removeAll(spec.grpcUpstreams().keySet());
        Set<String> unknown = new TreeSet<>(spec.grpcUpstreams().keySet());
        unknown.removeAll(exposed);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException("gRPC upstreams do not match the client-facing services: missing "
                    + missing + ", not client-facing " + unknown);
        }
    }
}
