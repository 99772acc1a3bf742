package dev.videoplatform.platform.error;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.ExceptionHandler;
import io.quarkus.grpc.ExceptionHandlerProvider;
import jakarta.enterprise.context.ApplicationScoped;

/** Plugs {@link GrpcErrors} into Quarkus gRPC: every failure a service raises is mapped the same way. */
@ApplicationScoped
public class DomainExceptionHandlerProvider implements ExceptionHandlerProvider {

    @Override
    public <Q, R> ExceptionHandler<Q, R> createHandler(ServerCall.Listener<Q> listener, ServerCall<Q, R> call,
            Metadata metadata) {
        return new ExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable failure, ServerCall<Q, R> serverCall, Metadata headers) {
                StatusRuntimeException status = GrpcErrors.toStatus(failure);
                serverCall.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
            }
        };
    }

    @Override
    public Throwable transform(Throwable failure) {
        return GrpcErrors.toStatus(failure);
    }
}
