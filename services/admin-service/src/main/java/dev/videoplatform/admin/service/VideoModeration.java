package dev.videoplatform.admin.service;

import dev.videoplatform.admin.client.VideoCatalog;
import dev.videoplatform.admin.repository.AuditLog;
import dev.videoplatform.admin.repository.AuditRecord;
import dev.videoplatform.admin.repository.ModerationState;
import dev.videoplatform.admin.repository.ReportRepository;
import dev.videoplatform.admin.v1.AuditAction;
import dev.videoplatform.admin.v1.BanGround;
import dev.videoplatform.admin.v1.ReportState;
import dev.videoplatform.events.v1.AdminVideoBanned;
import dev.videoplatform.events.v1.AdminVideoUnbanned;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.outbox.OutboxWriter;
import dev.videoplatform.upload.v1.Video;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Bans and unbans: decided here, applied by upload, streaming, search and comment from the
 * {@code admin.video.*} events. Banning a banned video answers with the ban in force and emits
 * nothing; the video must be known to upload-service (which also names its channel).
 */
@ApplicationScoped
public class VideoModeration {

    static final int MAX_REPORT_IDS = 100;
    static final int MAX_CLAIMANT = 200;

    private final AuditedActions actions;
    private final AuditLog log;
    private final ModerationState state;
    private final ReportRepository reports;
    private final VideoCatalog catalog;
    private final OutboxWriter outbox;

    public VideoModeration(AuditedActions actions, AuditLog log, ModerationState state, ReportRepository reports,
            VideoCatalog catalog, OutboxWriter outbox) {
        this.actions = actions;
        this.log = log;
        this.state = state;
        this.reports = reports;
        this.catalog = catalog;
        this.outbox = outbox;
    }

    @WithSpan
    public Uni<AuditedActions.Done> ban(Caller caller, String videoId, String reason, BanGround ground, String claimant,
            List<String> reportIds, String requestId) {
        Violations v = new Violations();
        ActionRules.id(v, videoId, "video_id");
        ActionRules.reason(v, reason);
        ActionRules.requestId(v, requestId);
        v.check(ground == BanGround.UNRECOGNIZED, "ground", "is not a known ban ground");
        if (ground == BanGround.BAN_GROUND_COPYRIGHT) {
            v.length(claimant, "copyright_claimant", 1, MAX_CLAIMANT);
        } else {
            v.check(!claimant.isEmpty(), "copyright_claimant", "is only for BAN_GROUND_COPYRIGHT");
        }
        v.check(reportIds.size() > MAX_REPORT_IDS, "report_ids", "must name at most " + MAX_REPORT_IDS + " reports");
        for (int i = 0; i < Math.min(reportIds.size(), MAX_REPORT_IDS); i++) {
            ActionRules.id(v, reportIds.get(i), "report_ids[" + i + "]");
        }
        v.throwIfAny();
        return actions.run(requestId, AuditAction.AUDIT_ACTION_BAN_VIDEO, videoId, tx -> known(videoId),
                (tx, video) -> state.ban(tx, videoId).flatMap(inForce -> inForce.isPresent()
                        ? log.findById(tx, inForce.get().auditEntryId())
                                .map(entry -> new AuditedActions.Done(entry.orElseThrow(), 0))
                        : log.append(tx, AuditRecord.draft(AuditAction.AUDIT_ACTION_BAN_VIDEO, caller.userId(),
                                        AuditRecord.Target.video(videoId), reason, claimant, null, requestId,
                                        ActionRules.traceId()))
                                .call(entry -> state.addBan(tx, new ModerationState.Ban(videoId, video.getChannelId(), entry.id())))
                                .call(entry -> outbox.append(tx, videoId, AdminVideoBanned.newBuilder().setVideoId(videoId)
                                        .setChannelId(video.getChannelId()).setActorId(caller.userId()).setReason(reason)
                                        .setAuditEntryId(entry.id()).build()))
                                .flatMap(entry -> reports.resolve(tx, videoId, reportIds, List.of(ReportState.REPORT_STATE_OPEN),
                                                ReportState.REPORT_STATE_ACTIONED, caller.userId(), reason)
                                        .map(resolved -> new AuditedActions.Done(entry, resolved)))));
    }

    /** Lifts the ban and dismisses the video's OPEN and ACTIONED reports. */
    @WithSpan
    public Uni<AuditedActions.Done> unban(Caller caller, String videoId, String reason, String requestId) {
        Violations v = new Violations();
        ActionRules.id(v, videoId, "video_id");
        ActionRules.reason(v, reason);
        ActionRules.requestId(v, requestId);
        v.throwIfAny();
        return actions.run(requestId, AuditAction.AUDIT_ACTION_UNBAN_VIDEO, videoId, AuditedActions::nothing,
                (tx, x) -> state.ban(tx, videoId).flatMap(inForce -> {
                    if (inForce.isEmpty()) {
                        throw DomainException.failedPrecondition("VIDEO_NOT_BANNED", "this video is not banned");
                    }
                    String channelId = inForce.get().channelId();
                    return log.append(tx, AuditRecord.draft(AuditAction.AUDIT_ACTION_UNBAN_VIDEO, caller.userId(),
                                    AuditRecord.Target.video(videoId), reason, "", null, requestId, ActionRules.traceId()))
                            .call(entry -> state.liftBan(tx, videoId))
                            .call(entry -> reports.resolve(tx, videoId, List.of(),
                                    List.of(ReportState.REPORT_STATE_OPEN, ReportState.REPORT_STATE_ACTIONED),
                                    ReportState.REPORT_STATE_DISMISSED, caller.userId(), reason))
                            .call(entry -> outbox.append(tx, videoId, AdminVideoUnbanned.newBuilder().setVideoId(videoId)
                                    .setChannelId(channelId).setActorId(caller.userId()).setReason(reason)
                                    .setAuditEntryId(entry.id()).build()))
                            .map(entry -> new AuditedActions.Done(entry, 0));
                }));
    }

    private Uni<Video> known(String videoId) {
        return catalog.find(videoId).map(found -> found.orElseThrow(() ->
                DomainException.notFound("VIDEO_NOT_FOUND", "no video with this id")));
    }
}
