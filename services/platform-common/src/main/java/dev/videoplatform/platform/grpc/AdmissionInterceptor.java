package dev.videoplatform.platform.grpc;

import dev.videoplatform.platform.error.GrpcErrors;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/**
 * Base of interceptors that admit or refuse a call after an asynchronous check. The check yields
 * the gRPC context the call continues with, or fails (a DomainException becomes its status). The
 * outcome is applied back on the call's own Vert.x context, as gRPC calls are not thread-safe.
 */
public abstract class AdmissionInterceptor implements ServerInterceptor {

    protected abstract <Q, R> Uni<Context> admit(ServerCall<Q, R> call, Metadata headers, Context context);

    @Override
    public final <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        DeferredListener<Q> deferred = new DeferredListener<>();
        io.vertx.core.Context vertxContext = Vertx.currentContext();
        // Back onto the call's context, without a hop when the decision is already made there.
        Executor callThread = vertxContext == null ? Runnable::run : task -> {
            if (Vertx.currentContext() == vertxContext) {
                task.run();
            } else {
                vertxContext.runOnContext(v -> task.run());
            }
        };
        Context current = Context.current();
        Uni<Context> decision;
        try {
            decision = admit(call, headers, current);
        } catch (RuntimeException e) {
            decision = Uni.createFrom().failure(e);
        }
        decision.emitOn(callThread).subscribe().with(
                admitted -> deferred.start(Contexts.interceptCall(admitted, call, headers, next)),
                failure -> {
                    StatusRuntimeException refused = GrpcErrors.toStatus(failure);
                    Metadata trailers = refused.getTrailers() == null ? new Metadata() : refused.getTrailers();
                    call.close(refused.getStatus(), trailers);
                    deferred.discard();
                });
        return deferred;
    }
}
