package dev.videoplatform.admin.repository;

import dev.videoplatform.admin.config.AdminConfig;
import dev.videoplatform.admin.v1.ReportReason;
import dev.videoplatform.admin.v1.ReportState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code report} table. States are stored as their {@link ReportState} numbers. */
@ApplicationScoped
public class ReportRepository {

    /** Filters of {@link #page}: UNSPECIFIED and empty mean "any". */
    public record Filter(ReportState state, String videoId, ReportReason reason) {
    }

    /** Where a page of the queue (priority first, then oldest) continues. */
    public record Cursor(boolean priority, Instant createdAt, String id) {
    }

    private static final int OPEN = ReportState.REPORT_STATE_OPEN_VALUE;

    private final Pool pool;
    private final int priorityReporters;

    public ReportRepository(Pool pool, AdminConfig config) {
        this.pool = pool;
        this.priorityReporters = config.priorityReporters();
    }

    public Pool pool() {
        return pool;
    }

    /**
     * The reporter's OPEN report on the video, created or, when there is one, updated with the
     * new reason and details. A report is updated only by its own reporter.
     */
    public Uni<ReportRecord> upsertOpen(SqlConnection tx, String id, String videoId, String reporterId,
            ReportReason reason, String details, String requestId) {
        return tx.preparedQuery("INSERT INTO report (id, video_id, reporter_id, reason, details, request_id)"
                        + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (video_id, reporter_id) WHERE state = " + OPEN
                        + " DO UPDATE SET reason = EXCLUDED.reason, details = EXCLUDED.details, created_at = now()"
                        + " RETURNING id")
                .execute(Tuple.of(id, videoId, reporterId, (short) reason.getNumber(), details,
                        requestId.isEmpty() ? null : requestId))
                .flatMap(rows -> find(tx, rows.iterator().next().getString("id")))
                .map(Optional::orElseThrow);
    }

    public Uni<Optional<ReportRecord>> find(SqlClient client, String id) {
        return one(client, ReportRecord.SELECT + " WHERE r.id = $2", id);
    }

    public Uni<Optional<ReportRecord>> findByRequestId(String requestId) {
        return one(pool, ReportRecord.SELECT + " WHERE r.request_id = $2", requestId);
    }

    /** The report with its row locked for {@code tx}. */
    public Uni<Optional<ReportRecord>> lock(SqlConnection tx, String id) {
        return tx.preparedQuery("SELECT id FROM report WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().item(Optional.<ReportRecord>empty()) : find(tx, id));
    }

    /** Priority reports first, then oldest first; {@code after} is the last report of the page before. */
    public Uni<List<ReportRecord>> page(Filter filter, Cursor after, int limit) {
        List<Object> args = new ArrayList<>(List.of(priorityReporters));
        StringBuilder where = new StringBuilder(" WHERE true");
        if (filter.state() != ReportState.REPORT_STATE_UNSPECIFIED) {
            args.add((short) filter.state().getNumber());
            where.append(" AND r.state = $").append(args.size());
        }
        if (!filter.videoId().isEmpty()) {
            args.add(filter.videoId());
            where.append(" AND r.video_id = $").append(args.size());
        }
        if (filter.reason() != ReportReason.REPORT_REASON_UNSPECIFIED) {
            args.add((short) filter.reason().getNumber());
            where.append(" AND r.reason = $").append(args.size());
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM (").append(ReportRecord.SELECT).append(where).append(") q");
        if (after != null) {
            args.add(after.priority());
            int p = args.size();
            args.add(AuditLog.utc(after.createdAt()));
            args.add(after.id());
            sql.append(" WHERE (q.priority < $").append(p).append(") OR (q.priority = $").append(p)
                    .append(" AND (q.created_at, q.id) > ($").append(p + 1).append(", $").append(p + 2).append("))");
        }
        args.add(limit);
        sql.append(" ORDER BY q.priority DESC, q.created_at, q.id LIMIT $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
            List<ReportRecord> found = new ArrayList<>();
            rows.forEach(row -> found.add(ReportRecord.from(row)));
            return found;
        });
    }

    /**
     * Resolves the video's reports in {@code fromStates}: all of them, or only {@code ids} when
     * given. Returns how many.
     */
    public Uni<Integer> resolve(SqlConnection tx, String videoId, List<String> ids, List<ReportState> fromStates,
            ReportState to, String resolverId, String reason) {
        String states = String.join(",", fromStates.stream().map(s -> Integer.toString(s.getNumber())).toList());
        String sql = "UPDATE report SET state = $1, resolved_at = now(), resolver_id = $2, resolve_reason = $3"
                + " WHERE video_id = $4 AND state IN (" + states + ")" + (ids.isEmpty() ? "" : " AND id = ANY($5)");
        Tuple args = Tuple.of((short) to.getNumber(), resolverId, reason, videoId);
        if (!ids.isEmpty()) {
            args.addArrayOfString(ids.toArray(String[]::new));
        }
        return tx.preparedQuery(sql).execute(args).map(rows -> rows.rowCount());
    }

    /** Resolves one report. */
    public Uni<Void> resolveOne(SqlConnection tx, String id, ReportState to, String resolverId, String reason) {
        return tx.preparedQuery("UPDATE report SET state = $1, resolved_at = now(), resolver_id = $2, resolve_reason = $3"
                        + " WHERE id = $4")
                .execute(Tuple.of((short) to.getNumber(), resolverId, reason, id)).replaceWithVoid();
    }

    private Uni<Optional<ReportRecord>> one(SqlClient client, String sql, String arg) {
        return client.preparedQuery(sql).execute(Tuple.of(priorityReporters, arg))
                .map(rows -> {
                    for (Row row : rows) {
                        return Optional.of(ReportRecord.from(row));
                    }
                    return Optional.empty();
                });
    }
}
