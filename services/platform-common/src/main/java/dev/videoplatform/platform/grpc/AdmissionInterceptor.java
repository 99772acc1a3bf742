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

/**
 * Base of interceptors that admit or refuse a call. Most calls are decided at once from memory
 * (a token seen before, a budget with room): they continue on the spot, with no listener to buffer
 * and no hop. The rest are decided by an asynchronous check (a Redis lookup, a signature on a
 * worker); the outcome is applied back on the call's own Vert.x context, as gRPC calls are not
 * thread-safe. Either way the check yields the gRPC context the call continues with, or fails (a
 * DomainException becomes its status).
 */
public abstract class AdmissionInterceptor implements ServerInterceptor {

    /** A decision made now ({@code now}) or one to wait for ({@code later}); exactly one is set. */
    protected record Admission(Context now, Uni<Context> later) {

        public static Admission now(Context context) {
            return new Admission(context, null);
        }

        public static Admission later(Uni<Context> decision) {
            return new Admission(null, decision);
        }
    }

    /** Decides; a refusal decided at once may also be thrown. */
    protected abstract <Q, R> Admission admit(ServerCall<Q, R> call, Metadata headers, Context context);

    @Override
    public final <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Context current = Context.current();
        Uni<Context> decision;
        try {
            Admission admission = admit(call, headers, current);
            if (admission.now() != null) {
                return Contexts.interceptCall(admission.now(), call, headers, next);
            }
            decision = admission.later();
        } catch (RuntimeException e) {
            refuse(call, e);
            return new ServerCall.Listener<>() {
            };
        }
        DeferredListener<Q> deferred = new DeferredListener<>();
        // Back onto the call's context, without a hop when the decision is already made there.
        decision.emitOn(CallThread.current()).subscribe().with(
                admitted -> deferred.start(Contexts.interceptCall(admitted, call, headers, next)),
                failure -> {
                    refuse(call, failure);
                    deferred.discard();
                });
        return deferred;
    }

    private static void refuse(ServerCall<?, ?> call, Throwable failure) {
        StatusRuntimeException refused = GrpcErrors.toStatus(failure);
        call.close(refused.getStatus(), refused.getTrailers() == null ? new Metadata() : refused.getTrailers());
    }
}
