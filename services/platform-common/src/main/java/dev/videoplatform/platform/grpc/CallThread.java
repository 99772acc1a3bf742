package dev.videoplatform.platform.grpc;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/**
 * The Vert.x context of the work in progress (a call's duplicated context) as an executor, for
 * coming back to it after a hop to another pool: gRPC calls are not thread-safe, and the call's
 * OpenTelemetry context, hence its trace ids in logs and events, lives on that context. Runs in
 * place when already there, or when there was no Vert.x context to begin with.
 */
public final class CallThread {

    private CallThread() {
    }

    /** Captures the current context; call it before the hop, where the work starts. */
    public static Executor current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return task -> {
            if (Vertx.currentContext() == context) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        };
    }

    /**
     * {@code work} subscribed on {@code pool}, its result handed back on the context of whoever
     * subscribes: blocking work off the event loop, without losing the call's thread or trace.
     */
    public static <T> Uni<T> offload(Uni<T> work, Executor pool) {
        return Uni.createFrom().deferred(() -> {
            Executor back = current();
            return work.runSubscriptionOn(pool).emitOn(back);
        });
    }

    /** {@link #offload(Uni, Executor)} on the default worker pool. */
    public static <T> Uni<T> offload(Uni<T> work) {
        return offload(work, Infrastructure.getDefaultWorkerPool());
    }
}
