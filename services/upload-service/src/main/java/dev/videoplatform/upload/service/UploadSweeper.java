package dev.videoplatform.upload.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Ends expired upload sessions and deletes their partial bytes. Safe on every replica at once. */
@ApplicationScoped
public class UploadSweeper {

    private static final Logger LOG = Logger.getLogger(UploadSweeper.class);

    private final dev.videoplatform.upload.repository.UploadSessionRepository repository;
    private final UploadSessions sessions;

    public UploadSweeper(dev.videoplatform.upload.repository.UploadSessionRepository repository, UploadSessions sessions) {
        this.repository = repository;
        this.sessions = sessions;
    }

    @Scheduled(every = "${videoplatform.upload.sweep-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledSweep() {
        return sweep().replaceWithVoid();
    }

    /** Returns how many sessions it ended. */
    public Uni<Integer> sweep() {
        return repository.expired(200)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(sessions::expire)
                .collect().asList()
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count())
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("swept %d expired upload sessions", n);
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("upload sweep failed, next run retries: %s", failure.getMessage());
                    return 0;
                });
    }
}
