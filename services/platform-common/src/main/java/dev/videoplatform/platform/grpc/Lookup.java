package dev.videoplatform.platform.grpc;

import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * A call that looks one thing up in another service, where NOT_FOUND is an answer (empty) rather
 * than a failure, so the caller's circuit breaker counts only real outages.
 */
public final class Lookup {

    private Lookup() {
    }

    /** The thing found, or empty when the other service answered NOT_FOUND; other failures pass through. */
    public static <T> Uni<Optional<T>> optional(Uni<T> call) {
        return call.map(Optional::of)
                .onFailure(e -> Status.fromThrowable(e).getCode() == Status.Code.NOT_FOUND)
                .recoverWithItem(Optional.empty());
    }
}
