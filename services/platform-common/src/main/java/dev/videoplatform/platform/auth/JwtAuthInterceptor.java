package dev.videoplatform.platform.auth;

import dev.videoplatform.options.v1.Access;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.grpc.AdmissionInterceptor;
import dev.videoplatform.platform.grpc.ClientAddress;
import dev.videoplatform.platform.grpc.MethodPolicy;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.quarkus.grpc.GlobalInterceptor;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;

/**
 * Authenticates every gRPC call from its {@code authorization: Bearer} header and enforces the
 * RPC's declared access (public / authenticated / admin / internal). Missing, malformed, expired,
 * forged or wrong-audience tokens are UNAUTHENTICATED; a valid token without the role, or of a
 * suspended user, is PERMISSION_DENIED. Internal RPCs take only service tokens
 * ({@link ServiceTokens}) minted for this service; every other RPC takes only users' tokens. The verified {@link Caller} is available to handlers via {@link Caller#current()}.
 */
@GlobalInterceptor
@ApplicationScoped
public class JwtAuthInterceptor extends AdmissionInterceptor implements Prioritized {

    /** Runs before the rate limiter, which counts per authenticated caller. */
    public static final int PRIORITY = 200;

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final AccessTokenVerifier verifier;
    private final ServiceTokens serviceTokens;
    private final SuspendedUsers suspendedUsers;

    public JwtAuthInterceptor(AccessTokenVerifier verifier, ServiceTokens serviceTokens, SuspendedUsers suspendedUsers) {
        this.verifier = verifier;
        this.serviceTokens = serviceTokens;
        this.suspendedUsers = suspendedUsers;
    }

    @Override
    protected <Q, R> Admission admit(ServerCall<Q, R> call, Metadata headers, Context context) {
        Access access = MethodPolicy.of(call.getMethodDescriptor()).access();
        String address = ClientAddress.of(call, headers);
        String header = headers.get(AUTHORIZATION);
        if (header == null || header.isBlank()) {
            if (access == Access.ACCESS_PUBLIC) {
                return Admission.now(Caller.ANONYMOUS.from(address).attachTo(context));
            }
            throw DomainException.unauthenticated("TOKEN_MISSING", "this call needs an access token (authorization: Bearer <token>)");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw DomainException.unauthenticated("TOKEN_MALFORMED", "the authorization header must be 'Bearer <token>'");
        }
        String token = header.substring(BEARER.length()).trim();
        if (access == Access.ACCESS_INTERNAL) {
            return admitService(token, ServiceTokens.audienceOf(call.getMethodDescriptor()), address, context);
        }
        // The common case, decided from memory: a token verified before, of a user known not to be suspended.
        Caller remembered = verifier.remembered(token).orElse(null);
        Boolean suspended = remembered == null ? null : suspendedUsers.knownNow(remembered.userId());
        if (suspended != null) {
            return Admission.now(admitted(remembered, suspended, access).from(address).attachTo(context));
        }
        Uni<Caller> user = remembered != null ? Uni.createFrom().item(remembered) : userOf(token);
        return Admission.later(user
                .flatMap(caller -> suspendedUsers.isSuspended(caller.userId())
                        .map(isSuspended -> admitted(caller, isSuspended, access).from(address).attachTo(context))));
    }

    /** The user's caller if a suspended account or a missing role does not stop it. */
    private static Caller admitted(Caller caller, boolean suspended, Access access) {
        if (suspended) {
            throw DomainException.permissionDenied("USER_SUSPENDED", "this account is suspended");
        }
        if (access == Access.ACCESS_ADMIN && !caller.isAdmin()) {
            throw DomainException.permissionDenied("ADMIN_ONLY", "this call needs the admin role");
        }
        return caller;
    }

    /**
     * Internal RPCs answer other services only. A user's valid token (even an admin's) is
     * PERMISSION_DENIED; anything else that is not a valid service token for this service is
     * UNAUTHENTICATED. HMAC checks are cheap, so they run on the event loop.
     */
    private Admission admitService(String token, String audience, String address, Context context) {
        try {
            return Admission.now(serviceTokens.verify(token, audience).from(address).attachTo(context));
        } catch (DomainException notAServiceToken) {
            return Admission.later(userOf(token)
                    .onFailure().transform(notAUserToken -> notAServiceToken)
                    .map(user -> {
                        throw DomainException.permissionDenied("SERVICE_ONLY", "this call is for other services only");
                    }));
        }
    }

    private Uni<Caller> userOf(String token) {
        // Signature checks are CPU work and the first JWKS fetch is I/O: both stay off the event
        // loop; a token verified before (and not expired) needs neither.
        return verifier.remembered(token).map(caller -> Uni.createFrom().item(caller))
                .orElseGet(() -> Uni.createFrom().item(() -> verifier.verify(token))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
