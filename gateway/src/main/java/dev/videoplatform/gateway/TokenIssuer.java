package dev.videoplatform.gateway;

import java.net.URI;
import java.util.List;

/**
 * Who issues the access tokens Envoy verifies: user-service's JWKS (fetched over plain HTTP inside
 * the cluster), and the {@code iss} and {@code aud} claims every token must carry.
 */
public record TokenIssuer(URI jwksUri, String issuer, List<String> audiences) {

    public TokenIssuer {
        if (!"http".equals(jwksUri.getScheme()) || jwksUri.getHost() == null) {
            throw new IllegalArgumentException("JWKS URI must be an in-cluster http:// URL, got " + jwksUri);
        }
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("token issuer is empty");
        }
        audiences = List.copyOf(audiences);
    }

    Upstream jwksUpstream() {
        return new Upstream(jwksUri.getHost(), jwksUri.getPort() < 0 ? 80 : jwksUri.getPort());
    }
}
