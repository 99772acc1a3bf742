package dev.videoplatform.platform.auth;

import dev.videoplatform.options.v1.Access;
import dev.videoplatform.platform.grpc.MethodPolicy;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The client side of service identity: calls to internal RPCs carry this service's token for the
 * called service; every other call goes out as it is (with whatever the caller put on it). Put on
 * a gRPC client with {@code @RegisterClientInterceptor(ServiceCredentials.class)}.
 */
@ApplicationScoped
public class ServiceCredentials implements ClientInterceptor {

    private final ServiceTokens tokens;

    public ServiceCredentials(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        if (MethodPolicy.of(method).access() != Access.ACCESS_INTERNAL) {
            return next.newCall(method, options);
        }
        // Without a key the call goes out bare and the callee refuses it: never a silent pass.
        Optional<String> token = tokens.tokenFor(ServiceTokens.audienceOf(method));
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                // Internal RPCs take only service tokens: a user's token is never passed along.
                headers.discardAll(JwtAuthInterceptor.AUTHORIZATION);
                token.ifPresent(t -> headers.put(JwtAuthInterceptor.AUTHORIZATION, "Bearer " + t));
                super.start(listener, headers);
            }
        };
    }
}
