package dev.videoplatform.admin.repository;

import dev.videoplatform.admin.v1.AuditAction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code audit_entry} table and its chain head. Only ever INSERTed into. */
@ApplicationScoped
public class AuditLog {

    /** Filters of {@link #page}; empty strings and nulls mean "any". */
    public record Filter(AuditAction action, String actorId, String targetId, Instant from, Instant until) {
    }

    private final Pool pool;

    public AuditLog(Pool pool) {
        this.pool = pool;
    }

    /**
     * Locks the chain head for the rest of {@code tx}: every moderation write takes it first, so
     * actions on the same target are decided one at a time and entries chain in commit order.
     */
    public Uni<Void> lockHead(SqlConnection tx) {
        return tx.query("SELECT seq FROM audit_head FOR UPDATE").execute().replaceWithVoid();
    }

    /** Chains {@code draft} after the head (locked by {@link #lockHead} in {@code tx}) and stores it. */
    public Uni<AuditRecord> append(SqlConnection tx, AuditRecord draft) {
        return tx.query("SELECT seq, hash FROM audit_head FOR UPDATE").execute().flatMap(rows -> {
            Row head = rows.iterator().next();
            AuditRecord e = draft.chainedAfter(head.getLong("seq"), head.getString("hash"));
            return tx.preparedQuery("INSERT INTO audit_entry (" + AuditRecord.COLUMNS + ")"
                            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)")
                    .execute(Tuple.from(new Object[] {e.seq(), e.id(), (short) e.action().getNumber(), e.actorId(),
                            e.videoId(), e.userId(), e.reportId(), e.reason(), e.copyrightClaimant(), utc(e.endTime()),
                            e.requestId().isEmpty() ? null : e.requestId(), e.traceId(), utc(e.createdAt()),
                            e.previousHash(), e.hash()}))
                    .flatMap(x -> tx.preparedQuery("UPDATE audit_head SET seq = $1, hash = $2")
                            .execute(Tuple.of(e.seq(), e.hash())))
                    .replaceWith(e);
        });
    }

    /** The hash of the last entry as the head remembers it (the genesis hash while the log is empty). */
    public Uni<String> headHash() {
        return pool.query("SELECT hash FROM audit_head").execute().map(rows -> rows.iterator().next().getString("hash"));
    }

    public Uni<Optional<AuditRecord>> findByRequestId(SqlClient client, String requestId) {
        return one(client, "SELECT " + AuditRecord.COLUMNS + " FROM audit_entry WHERE request_id = $1", requestId);
    }

    public Uni<Optional<AuditRecord>> findById(SqlClient client, String id) {
        return one(client, "SELECT " + AuditRecord.COLUMNS + " FROM audit_entry WHERE id = $1", id);
    }

    /** Entries matching {@code filter}, newest first, before position {@code beforeSeq} (0: from the newest). */
    public Uni<List<AuditRecord>> page(Filter filter, long beforeSeq, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (filter.action() != AuditAction.AUDIT_ACTION_UNSPECIFIED) {
            args.add((short) filter.action().getNumber());
            where.append(" AND action = $").append(args.size());
        }
        if (!filter.actorId().isEmpty()) {
            args.add(filter.actorId());
            where.append(" AND actor_id = $").append(args.size());
        }
        if (!filter.targetId().isEmpty()) {
            args.add(filter.targetId());
            where.append(" AND (video_id = $").append(args.size()).append(" OR user_id = $").append(args.size())
                    .append(" OR report_id = $").append(args.size()).append(')');
        }
        if (filter.from() != null) {
            args.add(utc(filter.from()));
            where.append(" AND created_at >= $").append(args.size());
        }
        if (filter.until() != null) {
            args.add(utc(filter.until()));
            where.append(" AND created_at < $").append(args.size());
        }
        if (beforeSeq > 0) {
            args.add(beforeSeq);
            where.append(" AND seq < $").append(args.size());
        }
        args.add(limit);
        return pool.preparedQuery("SELECT " + AuditRecord.COLUMNS + " FROM audit_entry" + where
                        + " ORDER BY seq DESC LIMIT $" + args.size())
                .execute(Tuple.from(args)).map(AuditLog::all);
    }

    /** Entries in chain order after position {@code afterSeq}, for verification. */
    public Uni<List<AuditRecord>> chainAfter(long afterSeq, int limit) {
        return pool.preparedQuery("SELECT " + AuditRecord.COLUMNS + " FROM audit_entry WHERE seq > $1 ORDER BY seq LIMIT $2")
                .execute(Tuple.of(afterSeq, limit)).map(AuditLog::all);
    }

    private static Uni<Optional<AuditRecord>> one(SqlClient client, String sql, String arg) {
        return client.preparedQuery(sql).execute(Tuple.of(arg))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(AuditRecord.from(rows.iterator().next())));
    }

    private static List<AuditRecord> all(Iterable<Row> rows) {
        List<AuditRecord> found = new ArrayList<>();
        rows.forEach(row -> found.add(AuditRecord.from(row)));
        return found;
    }

    static OffsetDateTime utc(Instant time) {
        return time == null ? null : OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
    }
}
