package dev.videoplatform.admin.service;

import dev.videoplatform.admin.client.VideoCatalog;
import dev.videoplatform.admin.repository.AuditLog;
import dev.videoplatform.admin.repository.AuditRecord;
import dev.videoplatform.admin.repository.ReportRecord;
import dev.videoplatform.admin.repository.ReportRepository;
import dev.videoplatform.admin.v1.AuditAction;
import dev.videoplatform.admin.v1.ReportReason;
import dev.videoplatform.admin.v1.ReportState;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.ids.Uuid7;
import dev.videoplatform.platform.paging.PageTokens;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Users' reports about videos and the admins' review queue. */
@ApplicationScoped
public class Reports {

    /** A page of the queue. */
    public record Page(List<ReportRecord> reports, String nextPageToken) {
    }

    static final int MAX_DETAILS = 1000;
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;

    private final ReportRepository reports;
    private final AuditedActions actions;
    private final AuditLog log;
    private final VideoCatalog catalog;
    private final PageTokens pageTokens;

    public Reports(ReportRepository reports, AuditedActions actions, AuditLog log, VideoCatalog catalog,
            PageTokens pageTokens) {
        this.reports = reports;
        this.actions = actions;
        this.log = log;
        this.catalog = catalog;
        this.pageTokens = pageTokens;
    }

    /** The caller's OPEN report on the video, new or updated (one per user and video). */
    @WithSpan
    public Uni<ReportRecord> report(Caller caller, String videoId, ReportReason reason, String details, String requestId) {
        Violations v = new Violations();
        ActionRules.id(v, videoId, "video_id");
        v.check(reason == ReportReason.REPORT_REASON_UNSPECIFIED || reason == ReportReason.UNRECOGNIZED, "reason",
                "must be a known reason");
        v.length(details, "details", reason == ReportReason.REPORT_REASON_OTHER ? 1 : 0, MAX_DETAILS);
        ActionRules.requestId(v, requestId);
        v.throwIfAny();
        Uni<Optional<ReportRecord>> earlier = requestId.isEmpty() ? Uni.createFrom().item(Optional.empty())
                : reports.findByRequestId(requestId);
        return earlier.flatMap(found -> {
            if (found.isPresent()) {
                if (!found.get().reporterId().equals(caller.userId()) || !found.get().videoId().equals(videoId)) {
                    throw DomainException.alreadyExists("REQUEST_ID_REUSED",
                            "this request_id belongs to a different report; send a new request_id");
                }
                return Uni.createFrom().item(found.get());
            }
            return visible(caller, videoId).flatMap(x -> reports.pool().withTransaction(tx ->
                    reports.upsertOpen(tx, Uuid7.next(), videoId, caller.userId(), reason, details, requestId)));
        });
    }

    /** The review queue: priority reports first, then oldest first. */
    @WithSpan
    public Uni<Page> list(ReportState state, String videoId, ReportReason reason, int pageSize, String pageToken) {
        Violations v = new Violations();
        v.check(state == ReportState.UNRECOGNIZED, "state", "is not a known state");
        v.check(reason == ReportReason.UNRECOGNIZED, "reason", "is not a known reason");
        v.length(videoId, "video_id", 0, ActionRules.MAX_ID);
        v.throwIfAny();
        int limit = PageTokens.pageSize(pageSize, DEFAULT_PAGE, MAX_PAGE, "page_size");
        ReportRepository.Filter filter = new ReportRepository.Filter(state, videoId, reason);
        String scope = "reports|" + state.getNumber() + "|" + videoId + "|" + reason.getNumber();
        ReportRepository.Cursor after = null;
        if (!pageToken.isEmpty()) {
            List<String> cursor = pageTokens.decode(scope, pageToken, "page_token");
            after = new ReportRepository.Cursor(cursor.get(0).equals("1"),
                    Instant.EPOCH.plus(Long.parseLong(cursor.get(1)), ChronoUnit.MICROS), cursor.get(2));
        }
        return reports.page(filter, after, limit + 1).map(found -> {
            if (found.size() <= limit) {
                return new Page(found, "");
            }
            ReportRecord last = found.get(limit - 1);
            return new Page(found.subList(0, limit), pageTokens.encode(scope, List.of(last.priority() ? "1" : "0",
                    Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt())), last.id())));
        });
    }

    /** Dismisses an OPEN report without action, audited. */
    @WithSpan
    public Uni<AuditedActions.Done> dismiss(Caller caller, String reportId, String reason, String requestId) {
        Violations v = new Violations();
        ActionRules.id(v, reportId, "report_id");
        ActionRules.reason(v, reason);
        ActionRules.requestId(v, requestId);
        v.throwIfAny();
        // The head before the report row, as bans take them (they resolve report rows under the head).
        return actions.run(requestId, AuditAction.AUDIT_ACTION_DISMISS_REPORT, reportId, AuditedActions::nothing,
                (tx, x) -> reports.lock(tx, reportId).flatMap(found -> {
                    ReportRecord report = found.orElseThrow(() ->
                            DomainException.notFound("REPORT_NOT_FOUND", "no report with this id"));
                    if (report.state() != ReportState.REPORT_STATE_OPEN) {
                        throw DomainException.failedPrecondition("REPORT_NOT_OPEN", "this report is already resolved");
                    }
                    return log.append(tx, AuditRecord.draft(AuditAction.AUDIT_ACTION_DISMISS_REPORT, caller.userId(),
                                    AuditRecord.Target.report(reportId, report.videoId()), reason, "", null, requestId,
                                    ActionRules.traceId()))
                            .call(entry -> reports.resolveOne(tx, reportId, ReportState.REPORT_STATE_DISMISSED,
                                    caller.userId(), reason))
                            .map(entry -> new AuditedActions.Done(entry, 1));
                }));
    }

    public Uni<ReportRecord> find(String reportId) {
        return reports.find(reports.pool(), reportId).map(Optional::orElseThrow);
    }

    /**
     * NOT_FOUND unless the caller may see the video: its owner and admins always, everybody
     * else only a READY video that is not PRIVATE.
     */
    private Uni<Video> visible(Caller caller, String videoId) {
        return catalog.find(videoId).map(found -> found.filter(video -> caller.isSelfOrAdmin(video.getChannelId())
                        || (video.getStatus() == VideoStatus.VIDEO_STATUS_READY
                                && video.getVisibility() != Visibility.VISIBILITY_PRIVATE))
                .orElseThrow(() -> DomainException.notFound("VIDEO_NOT_FOUND", "no video with this id")));
    }
}
