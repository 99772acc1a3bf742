package dev.videoplatform.admin.grpc;

import dev.videoplatform.admin.service.AdminViews;
import dev.videoplatform.admin.service.AuditTrail;
import dev.videoplatform.admin.service.Reports;
import dev.videoplatform.admin.service.UserModeration;
import dev.videoplatform.admin.service.VideoModeration;
import dev.videoplatform.admin.v1.AdminService;
import dev.videoplatform.admin.v1.BanVideoRequest;
import dev.videoplatform.admin.v1.BanVideoResponse;
import dev.videoplatform.admin.v1.DismissReportRequest;
import dev.videoplatform.admin.v1.DismissReportResponse;
import dev.videoplatform.admin.v1.ListAuditLogRequest;
import dev.videoplatform.admin.v1.ListAuditLogResponse;
import dev.videoplatform.admin.v1.ListReportsRequest;
import dev.videoplatform.admin.v1.ListReportsResponse;
import dev.videoplatform.admin.v1.ReinstateUserRequest;
import dev.videoplatform.admin.v1.ReinstateUserResponse;
import dev.videoplatform.admin.v1.ReportVideoRequest;
import dev.videoplatform.admin.v1.ReportVideoResponse;
import dev.videoplatform.admin.v1.SuspendUserRequest;
import dev.videoplatform.admin.v1.SuspendUserResponse;
import dev.videoplatform.admin.v1.UnbanVideoRequest;
import dev.videoplatform.admin.v1.UnbanVideoResponse;
import dev.videoplatform.admin.v1.VerifyAuditLogRequest;
import dev.videoplatform.admin.v1.VerifyAuditLogResponse;
import dev.videoplatform.platform.auth.Caller;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** gRPC face of admin-service: reads the caller, delegates, shapes responses. No logic here. */
@GrpcService
public class AdminGrpcEndpoint implements AdminService {

    private final Reports reports;
    private final VideoModeration videos;
    private final UserModeration users;
    private final AuditTrail audit;

    public AdminGrpcEndpoint(Reports reports, VideoModeration videos, UserModeration users, AuditTrail audit) {
        this.reports = reports;
        this.videos = videos;
        this.users = users;
        this.audit = audit;
    }

    @Override
    public Uni<ReportVideoResponse> reportVideo(ReportVideoRequest request) {
        return reports.report(Caller.current(), request.getVideoId(), request.getReason(), request.getDetails(),
                        request.getRequestId())
                .map(report -> ReportVideoResponse.newBuilder().setReport(AdminViews.report(report)).build());
    }

    @Override
    public Uni<ListReportsResponse> listReports(ListReportsRequest request) {
        return reports.list(request.getState(), request.getVideoId(), request.getReason(), request.getPageSize(),
                        request.getPageToken())
                .map(page -> ListReportsResponse.newBuilder()
                        .addAllReports(page.reports().stream().map(AdminViews::report).toList())
                        .setNextPageToken(page.nextPageToken()).build());
    }

    @Override
    public Uni<DismissReportResponse> dismissReport(DismissReportRequest request) {
        return reports.dismiss(Caller.current(), request.getReportId(), request.getReason(), request.getRequestId())
                .flatMap(done -> reports.find(done.entry().reportId())
                        .map(report -> DismissReportResponse.newBuilder().setReport(AdminViews.report(report))
                                .setAuditEntry(AdminViews.entry(done.entry())).build()));
    }

    @Override
    public Uni<BanVideoResponse> banVideo(BanVideoRequest request) {
        return videos.ban(Caller.current(), request.getVideoId(), request.getReason(), request.getGround(),
                        request.getCopyrightClaimant(), request.getReportIdsList(), request.getRequestId())
                .map(done -> BanVideoResponse.newBuilder().setAuditEntry(AdminViews.entry(done.entry()))
                        .setResolvedReportCount(done.resolvedReports()).build());
    }

    @Override
    public Uni<UnbanVideoResponse> unbanVideo(UnbanVideoRequest request) {
        return videos.unban(Caller.current(), request.getVideoId(), request.getReason(), request.getRequestId())
                .map(done -> UnbanVideoResponse.newBuilder().setAuditEntry(AdminViews.entry(done.entry())).build());
    }

    @Override
    public Uni<SuspendUserResponse> suspendUser(SuspendUserRequest request) {
        return users.suspend(Caller.current(), request.getUserId(), request.getReason(), request.getEndTime(),
                        request.hasEndTime(), request.getRequestId())
                .map(done -> SuspendUserResponse.newBuilder().setAuditEntry(AdminViews.entry(done.entry())).build());
    }

    @Override
    public Uni<ReinstateUserResponse> reinstateUser(ReinstateUserRequest request) {
        return users.reinstate(Caller.current(), request.getUserId(), request.getReason(), request.getRequestId())
                .map(done -> ReinstateUserResponse.newBuilder().setAuditEntry(AdminViews.entry(done.entry())).build());
    }

    @Override
    public Uni<ListAuditLogResponse> listAuditLog(ListAuditLogRequest request) {
        return audit.list(request.getAction(), request.getActorId(), request.getTargetId(), request.getStartTime(),
                        request.hasStartTime(), request.getEndTime(), request.hasEndTime(), request.getPageSize(),
                        request.getPageToken())
                .map(page -> ListAuditLogResponse.newBuilder()
                        .addAllEntries(page.entries().stream().map(AdminViews::entry).toList())
                        .setNextPageToken(page.nextPageToken()).build());
    }

    @Override
    public Uni<VerifyAuditLogResponse> verifyAuditLog(VerifyAuditLogRequest request) {
        return audit.verify().map(verdict -> {
            VerifyAuditLogResponse.Builder b = VerifyAuditLogResponse.newBuilder().setIntact(verdict.intact())
                    .setCheckedCount(verdict.checked());
            if (verdict.firstBroken() != null) {
                b.setFirstBrokenEntry(AdminViews.entry(verdict.firstBroken()));
            }
            return b.build();
        });
    }
}
