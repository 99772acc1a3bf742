package dev.videoplatform.notification.service;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A replica's worker over a shared queue (fan-out jobs, outgoing emails): {@code step} takes and
 * handles one item and says whether there was one; a drain repeats it until there is none. One
 * drain runs at a time per replica, and a wake-up while it runs starts another after it, so an
 * item queued meanwhile is never left for the next poll.
 */
final class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class);

    private final Supplier<Uni<Boolean>> step;
    private final String onFailure;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenAgain = new AtomicBoolean();

    /** {@code onFailure}: what a failed drain means, logged with the failure. */
    Drain(Supplier<Uni<Boolean>> step, String onFailure) {
        this.step = step;
        this.onFailure = onFailure;
    }

    void wake() {
        wokenAgain.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        wokenAgain.set(false);
        Uni.createFrom().deferred(step::get).repeat().whilst(found -> found).collect().last()
                .subscribe().with(done -> finished(), failure -> {
                    LOG.warnf("%s: %s", onFailure, failure.toString());
                    finished();
                });
    }

    private void finished() {
        running.set(false);
        if (wokenAgain.get()) {
            wake();
        }
    }
}
