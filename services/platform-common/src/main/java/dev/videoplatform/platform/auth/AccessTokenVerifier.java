package dev.videoplatform.platform.auth;

import dev.videoplatform.platform.error.DomainException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies RS256 access tokens with smallrye-jwt: signature (key chosen by {@code kid} from the
 * JWKS, or the configured public key), issuer, audience and expiry. May block on the first JWKS
 * fetch, so callers run it off the event loop.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    /** Verified tokens until they expire: a client sends the same token for many calls. */
    private static final int MAX_REMEMBERED = 50_000;

    private record Verified(Caller caller, long expiresAtSeconds) {
    }

    private final DefaultJWTParser parser;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public AccessTokenVerifier(AuthConfig config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        String keyLocation = config.jwksUrl().or(config::publicKeyLocation).orElseThrow(() -> new IllegalStateException(
                "set videoplatform.auth.jwks-url or videoplatform.auth.public-key-location"));
        info.setPublicKeyLocation(keyLocation);
        info.setIssuedBy(config.issuer());
        info.setExpectedAudience(Set.of(config.audience()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setJwksRefreshInterval((int) Math.max(1, config.jwksRefresh().toMinutes()));
        info.setClockSkew((int) config.clockSkew().toSeconds());
        info.setRequiredClaims(Set.of("sub", "exp", "iat"));
        this.parser = new DefaultJWTParser(info);
    }

    /** The caller of a token verified earlier and not yet expired; empty if it must be verified. */
    public Optional<Caller> remembered(String token) {
        Verified known = verified.get(token);
        if (known == null || known.expiresAtSeconds() <= Instant.now().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(known.caller());
    }

    /** The caller the token names; UNAUTHENTICATED for anything not valid. */
    public Caller verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            Caller caller = callerOf(jwt);
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(token, new Verified(caller, jwt.getExpirationTime()));
            return caller;
        } catch (ParseException e) {
            throw DomainException.unauthenticated("INVALID_TOKEN", "access token is invalid or expired");
        }
    }

    private static Caller callerOf(JsonWebToken jwt) {
        Set<String> roles = new HashSet<>(jwt.getGroups() == null ? Set.of() : jwt.getGroups());
        Object rolesClaim = jwt.getClaim("roles");
        if (rolesClaim instanceof Iterable<?> list) {
            list.forEach(r -> roles.add(unquote(String.valueOf(r))));
        }
        return Caller.user(jwt.getSubject(), Set.copyOf(roles));
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
