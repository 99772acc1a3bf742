package dev.videoplatform.platform.error;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.api.trace.Span;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Turns any failure into what a client may see: domain errors become their status with
 * google.rpc details (ErrorInfo, BadRequest, RetryInfo); anything unexpected becomes a bare
 * INTERNAL carrying only the trace id, while the full failure is logged under that trace id.
 */
public final class GrpcErrors {

    /** ErrorInfo.domain of every error we produce. */
    public static final String DOMAIN = "videoplatform.dev";

    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    public static StatusRuntimeException toStatus(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof DomainException domain) {
            return fromDomain(domain);
        }
        if (t instanceof StatusRuntimeException sre) {
            return sre;
        }
        if (t instanceof StatusException se) {
            return new StatusRuntimeException(se.getStatus(), se.getTrailers());
        }
        String traceId = Span.current().getSpanContext().getTraceId();
        LOG.errorf(t, "unexpected failure (trace %s)", traceId);
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.INTERNAL.value())
                .setMessage("internal error; trace id " + traceId)
                .addDetails(Any.pack(ErrorInfo.newBuilder().setDomain(DOMAIN).setReason("INTERNAL")
                        .putMetadata("trace_id", traceId).build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    private static StatusRuntimeException fromDomain(DomainException e) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(e.code().value())
                .setMessage(e.getMessage())
                .addDetails(Any.pack(ErrorInfo.newBuilder().setDomain(DOMAIN).setReason(e.reason()).build()));
        if (!e.violations().isEmpty()) {
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            e.violations().forEach(v -> badRequest.addFieldViolations(
                    BadRequest.FieldViolation.newBuilder().setField(v.field()).setDescription(v.description())));
            status.addDetails(Any.pack(badRequest.build()));
        }
        e.retryAfter().ifPresent(delay -> status.addDetails(Any.pack(RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(delay.toSeconds())
                        .setNanos(delay.toNanosPart()))
                .build())));
        Metadata trailers = new Metadata();
        e.retryAfter().ifPresent(delay -> trailers.put(RETRY_AFTER, Long.toString(Math.max(1, (delay.toMillis() + 999) / 1000))));
        return StatusProto.toStatusRuntimeException(status.build(), trailers);
    }

    /** Seconds to wait, for HTTP edges that answer 429 / 503 with a Retry-After header. */
    public static final Metadata.Key<String> RETRY_AFTER = Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER);

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof java.util.concurrent.ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
