package dev.videoplatform.platform.error;

import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A failure the caller can understand and act on: a gRPC code, a stable machine-readable reason
 * (google.rpc.ErrorInfo), a human message, and optional field violations or a retry delay. Thrown
 * by service code; {@link GrpcErrors} turns it into a status with google.rpc details.
 */
public class DomainException extends RuntimeException {

    /** One invalid request field, as in google.rpc.BadRequest.FieldViolation. */
    public record FieldViolation(String field, String description) {
    }

    private final Status.Code code;
    private final String reason;
    private final List<FieldViolation> violations;
    private final Duration retryAfter;

    public DomainException(Status.Code code, String reason, String message, List<FieldViolation> violations,
            Duration retryAfter) {
        super(message, null, false, false);
        if (code == Status.Code.OK || code == Status.Code.INTERNAL || code == Status.Code.UNKNOWN) {
            throw new IllegalArgumentException("a domain error is never " + code);
        }
        this.code = code;
        this.reason = reason;
        this.violations = List.copyOf(violations);
        this.retryAfter = retryAfter;
    }

    public static DomainException invalidArgument(List<FieldViolation> violations) {
        String message = violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).description()
                : violations.size() + " invalid fields";
        return new DomainException(Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT", message, violations, null);
    }

    public static DomainException invalidArgument(String field, String description) {
        return invalidArgument(List.of(new FieldViolation(field, description)));
    }

    public static DomainException notFound(String reason, String message) {
        return new DomainException(Status.Code.NOT_FOUND, reason, message, List.of(), null);
    }

    public static DomainException alreadyExists(String reason, String message) {
        return new DomainException(Status.Code.ALREADY_EXISTS, reason, message, List.of(), null);
    }

    public static DomainException failedPrecondition(String reason, String message) {
        return new DomainException(Status.Code.FAILED_PRECONDITION, reason, message, List.of(), null);
    }

    public static DomainException permissionDenied(String reason, String message) {
        return new DomainException(Status.Code.PERMISSION_DENIED, reason, message, List.of(), null);
    }

    public static DomainException unauthenticated(String reason, String message) {
        return new DomainException(Status.Code.UNAUTHENTICATED, reason, message, List.of(), null);
    }

    public static DomainException resourceExhausted(String reason, String message, Duration retryAfter) {
        return new DomainException(Status.Code.RESOURCE_EXHAUSTED, reason, message, List.of(), retryAfter);
    }

    public static DomainException unavailable(String reason, String message, Duration retryAfter) {
        return new DomainException(Status.Code.UNAVAILABLE, reason, message, List.of(), retryAfter);
    }

    public Status.Code code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
