package dev.videoplatform.edge;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.OptionalLong;

/**
 * A failed call as the client sees it: the {@code google.rpc.Status} with the details the service
 * sent ({@code grpc-status-details-bin}), the HTTP status, and when to retry.
 */
record UpstreamError(com.google.rpc.Status status, int httpStatus, OptionalLong retryAfterSeconds) {

    private static final Metadata.Key<String> RETRY_AFTER = Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER);

    static UpstreamError of(Status status, Metadata trailers) {
        com.google.rpc.Status rich;
        try {
            rich = StatusProto.fromStatusAndTrailers(status, trailers);
        } catch (IllegalArgumentException detailsDisagreeWithStatus) {
            rich = StatusProto.fromStatusAndTrailers(status, null);
        }
        if (rich.getMessage().isEmpty() && status.getDescription() == null && status.getCause() != null) {
            rich = rich.toBuilder().setMessage(status.getCode() + ": " + status.getCause().getClass().getSimpleName()).build();
        }
        OptionalLong retryAfter = status.getCode() == Status.Code.RESOURCE_EXHAUSTED || status.getCode() == Status.Code.UNAVAILABLE
                ? retryAfter(rich, trailers)
                : OptionalLong.empty();
        return new UpstreamError(rich, GrpcHttpStatus.of(status.getCode()), retryAfter);
    }

    /** A {@code retry-after} trailer (seconds), else the RetryInfo detail rounded up to whole seconds. */
    private static OptionalLong retryAfter(com.google.rpc.Status status, Metadata trailers) {
        String header = trailers == null ? null : trailers.get(RETRY_AFTER);
        if (header != null && header.trim().matches("\\d+")) {
            return OptionalLong.of(Long.parseLong(header.trim()));
        }
        for (com.google.protobuf.Any detail : status.getDetailsList()) {
            if (detail.is(RetryInfo.class)) {
                try {
                    com.google.protobuf.Duration delay = detail.unpack(RetryInfo.class).getRetryDelay();
                    return OptionalLong.of(Math.max(1, delay.getSeconds() + (delay.getNanos() > 0 ? 1 : 0)));
                } catch (InvalidProtocolBufferException malformed) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
