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
 * suspended user, is PERMISSION_DENIED. The verified {@link Caller} is available to handlers via {@link Caller#current()}.
 */
@GlobalInterceptor
@ApplicationScoped
public class JwtAuthInterceptor extends AdmissionInterceptor implements Prioritized {

    /** Runs before the rate limiter, which counts per authenticated caller. */
    public static final int PRIORITY = 200;

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final AccessTokenVerifier verifier;
    private final SuspendedUsers suspendedUsers;

    public JwtAuthInterceptor(AccessTokenVerifier verifier, SuspendedUsers suspendedUsers) {
        this.verifier = verifier;
        this.suspendedUsers = suspendedUsers;
    }

    @Override
    protected <Q, R> Uni<Context> admit(ServerCall<Q, R> call, Metadata headers, Context context) {
        Access access = MethodPolicy.of(call.getMethodDescriptor()).access();
        String address = ClientAddress.of(call, headers);
        String header = headers.get(AUTHORIZATION);
        if (header == null || header.isBlank()) {
            if (access == Access.ACCESS_PUBLIC || access == Access.ACCESS_INTERNAL) {
                return Uni.createFrom().item(Caller.ANONYMOUS.from(address).attachTo(context));
            }
            return Uni.createFrom().failure(DomainException.unauthenticated("TOKEN_MISSING",
                    "this call needs an access token (authorization: Bearer <token>)"));
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().failure(DomainException.unauthenticated("TOKEN_MALFORMED",
                    "the authorization header must be 'Bearer <token>'"));
        }
        String token = header.substring(BEARER.length()).trim();
        // Signature checks are CPU work and the first JWKS fetch is I/O: both stay off the event
        // loop; a token verified before (and not expired) needs neither.
        Uni<Caller> verified = verifier.remembered(token).map(caller -> Uni.createFrom().item(caller))
                .orElseGet(() -> Uni.createFrom().item(() -> verifier.verify(token))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
        return verified
                .call(caller -> suspendedUsers.isSuspended(caller.userId()).invoke(suspended -> {
                    if (suspended) {
                        throw DomainException.permissionDenied("USER_SUSPENDED", "this account is suspended");
                    }
                }))
                .map(caller -> {
                    if (access == Access.ACCESS_ADMIN && !caller.isAdmin()) {
                        throw DomainException.permissionDenied("ADMIN_ONLY", "this call needs the admin role");
                    }
                    return caller.from(address).attachTo(context);
                });
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
