package dev.videoplatform.admin.service;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.videoplatform.admin.client.UserDirectory;
import dev.videoplatform.admin.repository.AuditLog;
import dev.videoplatform.admin.repository.AuditRecord;
import dev.videoplatform.admin.repository.ModerationState;
import dev.videoplatform.admin.v1.AuditAction;
import dev.videoplatform.events.v1.AdminUserReinstated;
import dev.videoplatform.events.v1.AdminUserSuspended;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.outbox.OutboxWriter;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Suspensions and reinstatements, applied by user-service from the {@code admin.user.*} events.
 * <p>
 * "No admin suspends the last active admin" needs no count: only an active admin can call
 * SuspendUser (the JWT interceptor refuses suspended callers) and nobody may suspend themself,
 * so while a suspension is being decided there is always another active admin: the caller.
 */
@ApplicationScoped
public class UserModeration {

    /** The actor of what the platform does by itself (timed suspensions ending). */
    public static final String SYSTEM_ACTOR = "system";

    private final AuditedActions actions;
    private final AuditLog log;
    private final ModerationState state;
    private final UserDirectory users;
    private final OutboxWriter outbox;

    public UserModeration(AuditedActions actions, AuditLog log, ModerationState state, UserDirectory users,
            OutboxWriter outbox) {
        this.actions = actions;
        this.log = log;
        this.state = state;
        this.users = users;
        this.outbox = outbox;
    }

    @WithSpan
    public Uni<AuditedActions.Done> suspend(Caller caller, String userId, String reason, Timestamp endTime,
            boolean timed, String requestId) {
        Violations v = new Violations();
        ActionRules.id(v, userId, "user_id");
        ActionRules.reason(v, reason);
        ActionRules.requestId(v, requestId);
        Instant end = null;
        if (timed) {
            boolean valid = Timestamps.isValid(endTime);
            v.check(!valid, "end_time", "is not a valid timestamp");
            end = valid ? AdminViews.instant(endTime) : null;
            v.check(end != null && !end.isAfter(Instant.now()), "end_time", "must be in the future");
        }
        v.throwIfAny();
        if (userId.equals(caller.userId())) {
            throw DomainException.failedPrecondition("CANNOT_SUSPEND_SELF", "admins cannot suspend themselves");
        }
        Instant until = end;
        return actions.run(requestId, AuditAction.AUDIT_ACTION_SUSPEND_USER, userId, tx -> known(userId),
                (tx, x) -> state.suspension(tx, userId).flatMap(inForce -> inForce.isPresent()
                        ? log.findById(tx, inForce.get()).map(entry -> new AuditedActions.Done(entry.orElseThrow(), 0))
                        : log.append(tx, AuditRecord.draft(AuditAction.AUDIT_ACTION_SUSPEND_USER, caller.userId(),
                                        AuditRecord.Target.user(userId), reason, "", until, requestId, ActionRules.traceId()))
                                .call(entry -> state.addSuspension(tx, userId, entry.id(), until))
                                .call(entry -> outbox.append(tx, userId, AdminUserSuspended.newBuilder().setUserId(userId)
                                        .setActorId(caller.userId()).setReason(reason).setAuditEntryId(entry.id()).build()))
                                .map(entry -> new AuditedActions.Done(entry, 0))));
    }

    @WithSpan
    public Uni<AuditedActions.Done> reinstate(Caller caller, String userId, String reason, String requestId) {
        Violations v = new Violations();
        ActionRules.id(v, userId, "user_id");
        ActionRules.reason(v, reason);
        ActionRules.requestId(v, requestId);
        v.throwIfAny();
        return actions.run(requestId, AuditAction.AUDIT_ACTION_REINSTATE_USER, userId,
                tx -> state.lockSuspension(tx, userId),
                (tx, inForce) -> {
                    if (inForce.isEmpty()) {
                        throw DomainException.failedPrecondition("USER_NOT_SUSPENDED", "this user is not suspended");
                    }
                    return reinstateLocked(tx, userId, caller.userId(), reason, requestId)
                            .map(entry -> new AuditedActions.Done(entry, 0));
                });
    }

    /**
     * Ends a suspension whose row {@code tx} has locked, with the audit head held too: the entry,
     * the row gone, the event.
     */
    Uni<AuditRecord> reinstateLocked(SqlConnection tx, String userId, String actorId, String reason, String requestId) {
        return log.append(tx, AuditRecord.draft(AuditAction.AUDIT_ACTION_REINSTATE_USER, actorId,
                        AuditRecord.Target.user(userId), reason, "", null, requestId, ActionRules.traceId()))
                .call(entry -> state.liftSuspension(tx, userId))
                .call(entry -> outbox.append(tx, userId, AdminUserReinstated.newBuilder().setUserId(userId)
                        .setActorId(actorId).setReason(reason).setAuditEntryId(entry.id()).build()));
    }

    private Uni<Void> known(String userId) {
        return users.find(userId).map(found -> {
            if (found.isEmpty()) {
                throw DomainException.notFound("USER_NOT_FOUND", "no user with this id");
            }
            return null;
        });
    }
}
