package dev.videoplatform.gateway;

import static dev.videoplatform.gateway.ConfigTree.object;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code jwt_authn}: every request needs a valid token from user-service, except the public RPCs
 * (their {@code access} option is {@code ACCESS_PUBLIC}), {@code /stream/}, {@code /uploads/} (signed URLs), the unsubscribe link (signed too) and the health route.
 * On public routes a token is optional, but one that is sent must verify.
 *
 * <p>The filter runs after the transcoder, so its rules match gRPC paths
 * ({@code /package.Service/Method}): one rule per public RPC, exact, whatever HTTP path or verb the
 * client used, and the same rules cover clients that speak gRPC to Envoy directly.
 */
final class EnvoyJwtAuthn {

    static final String PROVIDER = "user_service";
    static final String PUBLIC = "token_optional";
    static final String AUTHENTICATED = "token_required";

    private EnvoyJwtAuthn() {
    }

    static Map<String, Object> config(ClientFacingApi api, GatewaySpec spec) {
        TokenIssuer issuer = spec.tokenIssuer();
        return object(
                "providers", object(PROVIDER, object(
                        "issuer", issuer.issuer(),
                        "audiences", issuer.audiences().isEmpty() ? null : issuer.audiences(),
                        "remote_jwks", object(
                                "http_uri", object(
                                        "uri", issuer.jwksUri().toString(),
                                        "cluster", EnvoyClusters.jwksCluster(issuer.jwksUpstream()),
                                        "timeout", "5s"),
                                "cache_duration", "600s",
                                "retry_policy", object(
                                        "num_retries", 3,
                                        "retry_back_off", object("base_interval", "0.5s", "max_interval", "5s"))),
                        // Services verify the token again (and read the caller from it).
                        "forward", true)),
                "requirement_map", object(
                        PUBLIC, object("requires_any", object("requirements", List.of(
                                object("provider_name", PROVIDER),
                                object("allow_missing", object())))),
                        AUTHENTICATED, object("provider_name", PROVIDER)),
                "rules", rules(api),
                "bypass_cors_preflight", true);
    }

    /** First match wins: exact public paths, then everything else requires a token. */
    private static List<Object> rules(ClientFacingApi api) {
        List<Object> rules = new ArrayList<>();
        rules.add(object("match", object("path", EnvoyRoutes.HEALTH_PATH)));
        rules.add(object("match", object("prefix", EnvoyRoutes.STREAM_PREFIX), "requirement_name", PUBLIC));
        // Signed upload URLs carry their own HMAC; browsers PUT to them without a token.
        rules.add(object("match", object("prefix", EnvoyRoutes.UPLOADS_PREFIX), "requirement_name", PUBLIC));
        // The unsubscribe link carries its own signed token; it is opened from a mail client.
        rules.add(object("match", object("path", EnvoyRoutes.UNSUBSCRIBE_PATH), "requirement_name", PUBLIC));
        for (ClientFacingApi.Rpc rpc : api.rpcs()) {
            if (rpc.isPublic()) {
                rules.add(object("match", object("path", rpc.grpcPath()), "requirement_name", PUBLIC));
            }
        }
        rules.add(object("match", object("prefix", "/"), "requirement_name", AUTHENTICATED));
        return rules;
    }
}
