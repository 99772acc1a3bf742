package dev.videoplatform.platform.validation;

import com.google.protobuf.Message;
import dev.videoplatform.platform.auth.JwtAuthInterceptor;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.GrpcErrors;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import java.util.List;

/**
 * Refuses every request message that carries a string breaking the {@link TextRule} with
 * INVALID_ARGUMENT and field violations, before service code (and PostgreSQL) sees it. Runs
 * after authentication and the rate limiter, so unauthenticated or over-budget callers get those
 * answers first and pay nothing for the walk.
 * <p>
 * A request that does not parse (a proto3 string that is not UTF-8, say) never reaches any
 * listener: the Vert.x gRPC bridge drops it, and a unary RPC then half-closes without a request,
 * which gRPC would answer INTERNAL. That is the client's fault, so it is INVALID_ARGUMENT here.
 */
@GlobalInterceptor
@ApplicationScoped
public class RequestValidationInterceptor implements ServerInterceptor, Prioritized {

    /** Inside the JWT interceptor (200) and the rate limiter (100). */
    public static final int PRIORITY = JwtAuthInterceptor.PRIORITY - 200;

    private static final DomainException UNPARSEABLE = new DomainException(Status.Code.INVALID_ARGUMENT,
            "MALFORMED_REQUEST", "the request is not a valid message of this RPC (is every string UTF-8?)", List.of(), null);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        RefusableCall<Q, R> refusable = new RefusableCall<>(call);
        boolean oneRequest = call.getMethodDescriptor().getType().clientSendsOneMessage();
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(refusable, headers)) {

            private boolean received;

            @Override
            public void onMessage(Q message) {
                if (refusable.refused) {
                    return;
                }
                received = true;
                if (message instanceof Message request) {
                    try {
                        RequestStrings.check(request);
                    } catch (DomainException invalid) {
                        refuse(invalid);
                        return;
                    }
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (refusable.refused) {
                    return;
                }
                if (oneRequest && !received) {
                    refuse(UNPARSEABLE);
                    return;
                }
                super.onHalfClose();
            }

            /** The service stops (a stream's observer sees the cancel); what it answers to that is dropped. */
            private void refuse(DomainException invalid) {
                refusable.refused = true;
                super.onCancel();
                refusable.refuse(GrpcErrors.toStatus(invalid));
            }

            @Override
            public void onCancel() {
                if (!refusable.refused) {
                    super.onCancel();
                }
            }

            @Override
            public void onComplete() {
                if (!refusable.refused) {
                    super.onComplete();
                }
            }

            @Override
            public void onReady() {
                if (!refusable.refused) {
                    super.onReady();
                }
            }
        };
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    /** The call as the service sees it: once refused, what the service still sends is dropped. */
    private static final class RefusableCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private volatile boolean refused;

        RefusableCall(ServerCall<Q, R> call) {
            super(call);
        }

        void refuse(StatusRuntimeException status) {
            delegate().close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
        }

        @Override
        public void sendHeaders(Metadata headers) {
            if (!refused) {
                super.sendHeaders(headers);
            }
        }

        @Override
        public void sendMessage(R message) {
            if (!refused) {
                super.sendMessage(message);
            }
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (!refused) {
                super.close(status, trailers);
            }
        }
    }
}
