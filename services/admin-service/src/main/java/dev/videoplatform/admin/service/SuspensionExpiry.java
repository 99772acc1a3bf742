package dev.videoplatform.admin.service;

import dev.videoplatform.admin.config.AdminConfig;
import dev.videoplatform.admin.repository.AuditLog;
import dev.videoplatform.admin.repository.ModerationState;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Ends timed suspensions whose end_time has passed, as actor {@code system}: audited, and
 * announced with {@code admin.user.reinstated} like a manual reinstatement. Safe on every
 * replica at once: each run locks the expired rows it takes and skips those another holds.
 */
@ApplicationScoped
public class SuspensionExpiry {

    static final String REASON = "the suspension's end time passed";
    private static final Logger LOG = Logger.getLogger(SuspensionExpiry.class);

    private final ModerationState state;
    private final AuditLog log;
    private final UserModeration users;
    private final int batch;

    public SuspensionExpiry(ModerationState state, AuditLog log, UserModeration users, AdminConfig config) {
        this.state = state;
        this.log = log;
        this.users = users;
        this.batch = config.suspensionCheckBatch();
    }

    @Scheduled(every = "${videoplatform.admin.suspension-check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRun() {
        return endExpired().onFailure().recoverWithItem(failure -> {
            LOG.warnf("ending expired suspensions failed, the next run retries: %s", failure.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** Returns how many suspensions it ended. */
    public Uni<Integer> endExpired() {
        return state.pool().withTransaction(tx -> state.lockExpiredSuspensions(tx, batch).flatMap(userIds -> userIds.isEmpty()
                ? Uni.createFrom().item(0)
                : log.lockHead(tx).flatMap(x -> Multi.createFrom().iterable(userIds)
                        .onItem().transformToUniAndConcatenate(userId ->
                                users.reinstateLocked(tx, userId, UserModeration.SYSTEM_ACTOR, REASON, ""))
                        .collect().asList().map(ended -> ended.size()))))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("ended %d expired suspensions", n);
                    }
                });
    }
}
