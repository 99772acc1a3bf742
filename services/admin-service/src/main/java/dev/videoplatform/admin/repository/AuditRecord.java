package dev.videoplatform.admin.repository;

import dev.videoplatform.admin.v1.AuditAction;
import dev.videoplatform.platform.ids.Uuid7;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One audit log entry as stored. Text fields that do not apply are empty, never null;
 * {@code endTime} is null unless a timed suspension. {@code hash} chains it to the entry before.
 */
public record AuditRecord(long seq, String id, AuditAction action, String actorId, String videoId, String userId,
        String reportId, String reason, String copyrightClaimant, Instant endTime, String requestId, String traceId,
        Instant createdAt, String previousHash, String hash) {

    static final String COLUMNS = "seq, id, action, actor_id, video_id, user_id, report_id, reason, copyright_claimant,"
            + " end_time, request_id, trace_id, created_at, previous_hash, hash";

    /** A new entry, not yet chained: {@link AuditLog#append} gives it its place and hash. */
    public static AuditRecord draft(AuditAction action, String actorId, Target target, String reason,
            String copyrightClaimant, Instant endTime, String requestId, String traceId) {
        return new AuditRecord(0, Uuid7.next(), action, actorId, target.videoId(), target.userId(), target.reportId(),
                reason, copyrightClaimant, endTime == null ? null : AuditChain.truncate(endTime), requestId, traceId,
                AuditChain.truncate(Instant.now()), "", "");
    }

    /** What an entry is about: exactly one of a video, a user or a report. */
    public record Target(String videoId, String userId, String reportId) {

        public static Target video(String videoId) {
            return new Target(videoId, "", "");
        }

        public static Target user(String userId) {
            return new Target("", userId, "");
        }

        public static Target report(String reportId, String videoId) {
            return new Target(videoId, "", reportId);
        }
    }

    static AuditRecord from(Row row) {
        OffsetDateTime end = row.getOffsetDateTime("end_time");
        String requestId = row.getString("request_id");
        return new AuditRecord(row.getLong("seq"), row.getString("id"), AuditAction.forNumber(row.getShort("action")),
                row.getString("actor_id"), row.getString("video_id"), row.getString("user_id"),
                row.getString("report_id"), row.getString("reason"), row.getString("copyright_claimant"),
                end == null ? null : end.toInstant(), requestId == null ? "" : requestId, row.getString("trace_id"),
                row.getOffsetDateTime("created_at").toInstant(), row.getString("previous_hash"), row.getString("hash"));
    }

    AuditRecord chainedAfter(long previousSeq, String previousHash) {
        AuditRecord linked = new AuditRecord(previousSeq + 1, id, action, actorId, videoId, userId, reportId, reason,
                copyrightClaimant, endTime, requestId, traceId, createdAt, previousHash, "");
        return linked.withHash(AuditChain.hash(linked));
    }

    private AuditRecord withHash(String newHash) {
        return new AuditRecord(seq, id, action, actorId, videoId, userId, reportId, reason, copyrightClaimant, endTime,
                requestId, traceId, createdAt, previousHash, newHash);
    }
}
