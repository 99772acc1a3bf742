package dev.videoplatform.admin.repository;

import dev.videoplatform.admin.v1.ReportReason;
import dev.videoplatform.admin.v1.ReportState;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A report as stored, with its priority worked out when it was read. */
public record ReportRecord(String id, String videoId, String reporterId, ReportReason reason, String details,
        ReportState state, Instant createdAt, Instant resolvedAt, String resolverId, String resolveReason,
        boolean priority) {

    /** Selects a report {@code r} with {@code priority}, given the threshold as parameter {@code $1}. */
    static final String SELECT = "SELECT r.id, r.video_id, r.reporter_id, r.reason, r.details, r.state, r.created_at,"
            + " r.resolved_at, r.resolver_id, r.resolve_reason, (r.state = 1 AND (SELECT count(*) FROM report o"
            + " WHERE o.video_id = r.video_id AND o.state = 1) >= $1::int) AS priority FROM report r";

    static ReportRecord from(Row row) {
        OffsetDateTime resolved = row.getOffsetDateTime("resolved_at");
        return new ReportRecord(row.getString("id"), row.getString("video_id"), row.getString("reporter_id"),
                ReportReason.forNumber(row.getShort("reason")), row.getString("details"),
                ReportState.forNumber(row.getShort("state")), row.getOffsetDateTime("created_at").toInstant(),
                resolved == null ? null : resolved.toInstant(), row.getString("resolver_id"),
                row.getString("resolve_reason"), row.getBoolean("priority"));
    }
}
