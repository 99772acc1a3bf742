package dev.videoplatform.admin.service;

import dev.videoplatform.admin.repository.AuditLog;
import dev.videoplatform.admin.repository.AuditRecord;
import dev.videoplatform.admin.v1.AuditAction;
import dev.videoplatform.platform.error.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs a moderation action the one way they all run: a retried request id answers with its
 * first entry; otherwise one transaction that holds the audit chain's head (so actions are
 * decided one at a time), re-checks the request id under it, and does the work, which appends
 * the entry and its outbox event.
 */
@ApplicationScoped
public class AuditedActions {

    /** What an action did: its audit entry (an earlier one when nothing new was done) and how many reports it resolved. */
    public record Done(AuditRecord entry, int resolvedReports) {
    }

    private final Pool pool;
    private final AuditLog log;

    public AuditedActions(Pool pool, AuditLog log) {
        this.pool = pool;
        this.log = log;
    }

    /**
     * @param prepare what to do before the head is taken, e.g. ask the owning service about the
     *                target (no lock is held meanwhile) or lock a suspension row; its result goes to work
     */
    public <T> Uni<Done> run(String requestId, AuditAction action, String targetId,
            Function<SqlConnection, Uni<T>> prepare, BiFunction<SqlConnection, T, Uni<Done>> work) {
        return earlier(pool, requestId, action, targetId)
                .flatMap(found -> found.isPresent() ? Uni.createFrom().item(found.get())
                        : pool.withTransaction(tx -> prepare.apply(tx).flatMap(prepared -> log.lockHead(tx)
                                .flatMap(x -> earlier(tx, requestId, action, targetId))
                                .flatMap(again -> again.isPresent() ? Uni.createFrom().item(again.get())
                                        : work.apply(tx, prepared)))));
    }

    /** Nothing to prepare. */
    public static Uni<Void> nothing(SqlConnection tx) {
        return Uni.createFrom().voidItem();
    }

    /** The answer of an earlier call with this request id, if there was one. */
    private Uni<Optional<Done>> earlier(SqlClient client, String requestId, AuditAction action, String targetId) {
        if (requestId.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return log.findByRequestId(client, requestId).map(found -> found.map(entry -> {
            boolean same = entry.action() == action && (targetId.equals(entry.videoId())
                    || targetId.equals(entry.userId()) || targetId.equals(entry.reportId()));
            if (!same) {
                throw DomainException.alreadyExists("REQUEST_ID_REUSED",
                        "this request_id belongs to a different action; send a new request_id");
            }
            return new Done(entry, 0);
        }));
    }
}
