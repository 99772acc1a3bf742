package dev.videoplatform.gateway;

import static dev.videoplatform.gateway.ConfigTree.object;
import static dev.videoplatform.gateway.ConfigTree.typed;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The HTTP filter chain, in the order Envoy runs it: CORS answers preflights before anything else;
 * the rate limit sheds load before bodies are buffered; the transcoder turns JSON into gRPC and
 * rewrites the path to {@code /package.Service/Method}; jwt_authn then judges that gRPC path; the
 * router goes last.
 */
final class EnvoyHttpFilters {

    static final String CORS = "envoy.filters.http.cors";
    static final String LOCAL_RATE_LIMIT = "envoy.filters.http.local_ratelimit";
    static final String TRANSCODER = "envoy.filters.http.grpc_json_transcoder";
    static final String JWT_AUTHN = "envoy.filters.http.jwt_authn";
    static final String ROUTER = "envoy.filters.http.router";

    private EnvoyHttpFilters() {
    }

    static List<Object> chain(ClientFacingApi api, GatewaySpec spec, byte[] descriptorSet) {
        return List.of(
                filter(CORS, "envoy.extensions.filters.http.cors.v3.Cors", object()),
                filter(LOCAL_RATE_LIMIT, "envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit", localRateLimit(spec.rateLimit())),
                filter(TRANSCODER, "envoy.extensions.filters.http.grpc_json_transcoder.v3.GrpcJsonTranscoder", transcoder(api, spec, descriptorSet)),
                filter(JWT_AUTHN, "envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication", EnvoyJwtAuthn.config(api, spec)),
                filter(ROUTER, "envoy.extensions.filters.http.router.v3.Router", object()));
    }

    private static Map<String, Object> filter(String name, String messageType, Map<String, Object> config) {
        return object("name", name, "typed_config", typed(messageType, config));
    }

    private static Map<String, Object> transcoder(ClientFacingApi api, GatewaySpec spec, byte[] descriptorSet) {
        Map<String, Object> config = spec.descriptor() instanceof DescriptorPlacement.Mounted mounted
                ? object("proto_descriptor", mounted.path())
                : object("proto_descriptor_bin", Base64.getEncoder().encodeToString(descriptorSet));
        config.putAll(object(
                "services", api.services().stream().map(ClientFacingApi.Service::fullName).toList(),
                // The same JSON the local edge prints: camelCase names, defaults included, enums
                // by name, one JSON object per line for server streams.
                "print_options", object(
                        "add_whitespace", false,
                        "always_print_primitive_fields", true,
                        "always_print_enums_as_ints", false,
                        "preserve_proto_field_names", false,
                        "stream_newline_delimited", true),
                "convert_grpc_status", true,
                // Browsers' URLSearchParams write spaces as '+'; the local edge reads them so too.
                "query_param_unescape_plus", true,
                "request_validation_options", object(
                        "reject_unknown_method", true,
                        "reject_unknown_query_parameters", true),
                "max_request_body_size", spec.maxRequestBytes()));
        return config;
    }

    private static Map<String, Object> localRateLimit(RateLimitBucket bucket) {
        Map<String, Object> always = object("numerator", 100, "denominator", "HUNDRED");
        long retryAfterSeconds = Math.max(1, (bucket.fillInterval().toMillis() + 999) / 1000);
        return object(
                "stat_prefix", "http_local_rate_limiter",
                "token_bucket", object(
                        "max_tokens", bucket.maxTokens(),
                        "tokens_per_fill", bucket.tokensPerFill(),
                        "fill_interval", seconds(bucket.fillInterval())),
                "filter_enabled", object("runtime_key", "local_rate_limit_enabled", "default_value", always),
                "filter_enforced", object("runtime_key", "local_rate_limit_enforced", "default_value", always),
                // gRPC callers see RESOURCE_EXHAUSTED (as from the services' own limiter), not UNAVAILABLE.
                "rate_limited_as_resource_exhausted", true,
                "response_headers_to_add", List.of(object(
                        "header", object("key", "retry-after", "value", Long.toString(retryAfterSeconds)),
                        "append_action", "OVERWRITE_IF_EXISTS_OR_ADD")));
    }

    /** Protobuf JSON duration: seconds with up to nine fractional digits and an {@code s}. */
    static String seconds(Duration duration) {
        return duration.toNanos() % 1_000_000_000 == 0
                ? duration.toSeconds() + "s"
                : BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
    }
}
