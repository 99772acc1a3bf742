package dev.videoplatform.admin.service;

import com.google.protobuf.Timestamp;
import dev.videoplatform.admin.repository.AuditRecord;
import dev.videoplatform.admin.repository.ReportRecord;
import dev.videoplatform.admin.v1.AuditEntry;
import dev.videoplatform.admin.v1.Report;
import java.time.Instant;

/** Stored rows as the contract's messages. */
public final class AdminViews {

    private AdminViews() {
    }

    public static AuditEntry entry(AuditRecord e) {
        AuditEntry.Builder b = AuditEntry.newBuilder().setAuditEntryId(e.id()).setAction(e.action())
                .setActorId(e.actorId()).setVideoId(e.videoId()).setUserId(e.userId()).setReportId(e.reportId())
                .setReason(e.reason()).setCopyrightClaimant(e.copyrightClaimant()).setRequestId(e.requestId())
                .setTraceId(e.traceId()).setCreateTime(timestamp(e.createdAt())).setPreviousHash(e.previousHash())
                .setHash(e.hash());
        if (e.endTime() != null) {
            b.setEndTime(timestamp(e.endTime()));
        }
        return b.build();
    }

    public static Report report(ReportRecord r) {
        Report.Builder b = Report.newBuilder().setReportId(r.id()).setVideoId(r.videoId()).setReporterId(r.reporterId())
                .setReason(r.reason()).setDetails(r.details()).setState(r.state())
                .setCreateTime(timestamp(r.createdAt())).setResolverId(r.resolverId())
                .setResolveReason(r.resolveReason()).setPriority(r.priority());
        if (r.resolvedAt() != null) {
            b.setResolveTime(timestamp(r.resolvedAt()));
        }
        return b.build();
    }

    static Timestamp timestamp(Instant time) {
        return Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()).build();
    }

    static Instant instant(Timestamp time) {
        return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
    }
}
