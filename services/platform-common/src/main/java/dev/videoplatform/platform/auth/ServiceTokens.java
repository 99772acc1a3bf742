package dev.videoplatform.platform.auth;

import dev.videoplatform.platform.error.DomainException;
import io.grpc.MethodDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Service identity tokens: compact HS256 JWTs from the shared service-identity key, issued by
 * {@link #ISSUER} (never user-service's issuer), {@code sub} = the calling service, {@code aud} =
 * the called service, {@code roles} = [service]. The audience is the called gRPC service's proto
 * package ({@code videoplatform.upload.v1.VideoService} → {@code upload}), so neither side needs
 * a list of peers. Minted tokens are reused until 80 % of their life.
 */
@ApplicationScoped
public class ServiceTokens {

    public static final String ISSUER = "urn:videoplatform:service";
    public static final String ROLE_SERVICE = "service";
    static final int MIN_KEY_BYTES = 32;

    private record Minted(String token, long renewAtMillis) {
    }

    private final Optional<HmacKey> key;
    private final String name;
    private final long lifetimeSeconds;
    private final int clockSkewSeconds;
    private final Clock clock;
    private final Map<String, Minted> minted = new ConcurrentHashMap<>();
    private final Map<String, JwtConsumer> consumers = new ConcurrentHashMap<>();

    @Inject
    public ServiceTokens(ServiceIdentityConfig config, AuthConfig auth) {
        this(config.key().map(ServiceTokens::decodeKey), config.name(), config.tokenLifetime().toSeconds(),
                (int) auth.clockSkew().toSeconds(), Clock.systemUTC());
    }

    ServiceTokens(Optional<HmacKey> key, String name, long lifetimeSeconds, int clockSkewSeconds, Clock clock) {
        this.key = key;
        this.name = name;
        this.lifetimeSeconds = lifetimeSeconds;
        this.clockSkewSeconds = clockSkewSeconds;
        this.clock = clock;
    }

    /** {@code videoplatform.upload.v1.VideoService/X} → {@code upload}: the service that answers the method. */
    public static String audienceOf(MethodDescriptor<?, ?> method) {
        String service = method.getServiceName() == null ? "" : method.getServiceName();
        String[] segments = service.split("\\.");
        int last = segments.length - 2; // drop the service's simple name
        if (last > 0 && segments[last].matches("v\\d+\\w*")) {
            last--;
        }
        return last < 0 ? service : segments[last];
    }

    /** A token for calls to {@code audience}; empty when this service has no identity key. */
    public Optional<String> tokenFor(String audience) {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        long now = clock.millis();
        return Optional.of(minted.compute(audience, (aud, known) ->
                known != null && now < known.renewAtMillis() ? known : mint(aud, now)).token());
    }

    /** The calling service a token names, if it is a valid service token for {@code audience}; UNAUTHENTICATED otherwise. */
    public Caller verify(String token, String audience) {
        if (key.isEmpty()) {
            throw DomainException.unauthenticated("SERVICE_IDENTITY_UNCONFIGURED", "this service accepts no service tokens");
        }
        try {
            JwtClaims claims = consumers.computeIfAbsent(audience, this::consumer).processToClaims(token);
            List<String> roles = claims.getStringListClaimValue("roles");
            if (roles == null || !roles.contains(ROLE_SERVICE)) {
                throw invalid();
            }
            return Caller.service(claims.getSubject());
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw invalid();
        }
    }

    private Minted mint(String audience, long nowMillis) {
        long now = nowMillis / 1000;
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(name);
        claims.setAudience(audience);
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + lifetimeSeconds));
        claims.setStringListClaim("roles", ROLE_SERVICE);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(key.orElseThrow());
        try {
            return new Minted(jws.getCompactSerialization(), nowMillis + lifetimeSeconds * 800);
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a service token", e);
        }
    }

    private JwtConsumer consumer(String audience) {
        return new JwtConsumerBuilder()
                // Exactly HS256: no "none", and no RS256 token checked against the HMAC key as if it were a public key.
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setVerificationKey(key.orElseThrow())
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(audience)
                .setRequireSubject()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                // Not issued in the future, nor longer ago than a token lives.
                .setIssuedAtRestrictions(clockSkewSeconds, (int) lifetimeSeconds + clockSkewSeconds)
                .setAllowedClockSkewInSeconds(clockSkewSeconds)
                .build();
    }

    private static DomainException invalid() {
        return DomainException.unauthenticated("INVALID_SERVICE_TOKEN", "service token is invalid or expired");
    }

    static HmacKey decodeKey(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.trim());
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("videoplatform.service-identity.key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        return new HmacKey(bytes);
    }
}
