package dev.videoplatform.user.grpc;

import dev.videoplatform.user.service.SigningKeys;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** {@code GET /.well-known/jwks.json}: the public signing key, for Envoy's jwt_authn and every service. */
@ApplicationScoped
public class JwksRoute {

    private final SigningKeys keys;

    public JwksRoute(SigningKeys keys) {
        this.keys = keys;
    }

    void register(@Observes Router router) {
        router.get("/.well-known/jwks.json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "public, max-age=300")
                .end(keys.jwks()));
    }
}
