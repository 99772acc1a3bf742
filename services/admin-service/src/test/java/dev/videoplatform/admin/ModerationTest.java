package dev.videoplatform.admin;

import static dev.videoplatform.admin.AdminClient.assertStatus;
import static dev.videoplatform.admin.AdminClient.newId;
import static dev.videoplatform.admin.AdminClient.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.videoplatform.admin.v1.AuditAction;
import dev.videoplatform.admin.v1.AuditEntry;
import dev.videoplatform.admin.v1.BanGround;
import dev.videoplatform.admin.v1.BanVideoRequest;
import dev.videoplatform.admin.v1.BanVideoResponse;
import dev.videoplatform.admin.v1.ListAuditLogRequest;
import dev.videoplatform.admin.v1.ListReportsRequest;
import dev.videoplatform.admin.v1.ReinstateUserRequest;
import dev.videoplatform.admin.v1.Report;
import dev.videoplatform.admin.v1.ReportReason;
import dev.videoplatform.admin.v1.ReportState;
import dev.videoplatform.admin.v1.ReportVideoRequest;
import dev.videoplatform.admin.v1.SuspendUserRequest;
import dev.videoplatform.admin.v1.UnbanVideoRequest;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Bans and suspensions: checked against their owners, idempotent, audited, one event each. */
@QuarkusTest
class ModerationTest {

    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final AdminClient client = new AdminClient();
    private final String admin = newId();

    @AfterAll
    static void close() {
        client.close();
    }

    private BanVideoResponse ban(String videoId, String requestId) {
        return client.asAdmin(admin).banVideo(BanVideoRequest.newBuilder().setVideoId(videoId).setReason("gore")
                .setRequestId(requestId).build());
    }

    @Test
    void aBanIsIdempotentEmitsOneEventAndIsAppliedByUpload() throws Exception {
        String owner = Owners.newUser();
        String video = Owners.video(owner, Visibility.VISIBILITY_PUBLIC, true);
        Report reported = client.asUser(newId()).reportVideo(ReportVideoRequest.newBuilder().setVideoId(video)
                .setReason(ReportReason.REPORT_REASON_VIOLENCE).build()).getReport();
        String requestId = newId();

        BanVideoResponse banned = ban(video, requestId);
        assertEquals(1, banned.getResolvedReportCount());
        AuditEntry entry = banned.getAuditEntry();
        assertEquals(AuditAction.AUDIT_ACTION_BAN_VIDEO, entry.getAction());
        assertEquals(admin, entry.getActorId());
        assertEquals(video, entry.getVideoId());
        assertEquals(requestId, entry.getRequestId());
        assertEquals(64, entry.getHash().length());
        assertEquals(entry, ban(video, requestId).getAuditEntry(), "a retried request answers with its first entry");
        assertEquals(entry, ban(video, newId()).getAuditEntry(), "banning a banned video answers with the ban in force");

        List<EventEnvelope> events = Owners.events("admin.video.banned", video, QUIET);
        assertEquals(1, events.size());
        var event = events.get(0).getAdminVideoBanned();
        assertEquals(owner, event.getChannelId());
        assertEquals(entry.getAuditEntryId(), event.getAuditEntryId());
        Owners.awaitVideo(video, v -> v.getStatus() == VideoStatus.VIDEO_STATUS_BANNED);
        Report actioned = client.asAdmin(admin).listReports(ListReportsRequest.newBuilder().setVideoId(video).build())
                .getReports(0);
        assertEquals(reported.getReportId(), actioned.getReportId());
        assertEquals(ReportState.REPORT_STATE_ACTIONED, actioned.getState());
        assertEquals("gore", actioned.getResolveReason());

        AuditEntry unbanned = client.asAdmin(admin).unbanVideo(UnbanVideoRequest.newBuilder().setVideoId(video)
                .setReason("appeal upheld").build()).getAuditEntry();
        assertEquals(AuditAction.AUDIT_ACTION_UNBAN_VIDEO, unbanned.getAction());
        assertStatus(Status.Code.FAILED_PRECONDITION, "VIDEO_NOT_BANNED", () -> client.asAdmin(admin).unbanVideo(
                UnbanVideoRequest.newBuilder().setVideoId(video).setReason("again").build()));
        assertEquals(1, Owners.events("admin.video.unbanned", video, QUIET).size());
        Owners.awaitVideo(video, v -> v.getStatus() == VideoStatus.VIDEO_STATUS_READY);
        assertEquals(ReportState.REPORT_STATE_DISMISSED, client.asAdmin(admin).listReports(
                ListReportsRequest.newBuilder().setVideoId(video).build()).getReports(0).getState());
    }

    @Test
    void aCopyrightBanRecordsTheClaimant() throws Exception {
        String video = Owners.video(Owners.newUser(), Visibility.VISIBILITY_UNLISTED, false);
        var e = assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> client.asAdmin(admin).banVideo(BanVideoRequest
                .newBuilder().setVideoId(video).setReason("claim").setGround(BanGround.BAN_GROUND_COPYRIGHT).build()));
        assertEquals(List.of("copyright_claimant"), violatedFields(e));
        e = assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> client.asAdmin(admin).banVideo(BanVideoRequest
                .newBuilder().setVideoId(video).setCopyrightClaimant("Label").build()));
        assertEquals(List.of("reason", "copyright_claimant"), violatedFields(e));

        AuditEntry entry = client.asAdmin(admin).banVideo(BanVideoRequest.newBuilder().setVideoId(video).setReason("claim")
                .setGround(BanGround.BAN_GROUND_COPYRIGHT).setCopyrightClaimant("Example Records").build()).getAuditEntry();
        assertEquals("Example Records", entry.getCopyrightClaimant());
    }

    @Test
    void unknownVideosAndUsersAreNotFound() {
        assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND", () -> ban(newId(), ""));
        assertStatus(Status.Code.NOT_FOUND, "USER_NOT_FOUND", () -> client.asAdmin(admin).suspendUser(
                SuspendUserRequest.newBuilder().setUserId(newId()).setReason("spam").build()));
        assertTrue(client.asAdmin(admin).listAuditLog(ListAuditLogRequest.newBuilder().setActorId(admin).build())
                .getEntriesList().isEmpty(), "nothing is audited for a target nobody knows");
    }

    @Test
    void aSuspensionIsIdempotentAndEmitsOneEvent() {
        String user = Owners.newUser();
        String requestId = newId();
        SuspendUserRequest suspend = SuspendUserRequest.newBuilder().setUserId(user).setReason("spam")
                .setRequestId(requestId).build();
        AuditEntry entry = client.asAdmin(admin).suspendUser(suspend).getAuditEntry();
        assertEquals(AuditAction.AUDIT_ACTION_SUSPEND_USER, entry.getAction());
        assertEquals(entry, client.asAdmin(admin).suspendUser(suspend).getAuditEntry());
        assertEquals(entry, client.asAdmin(admin).suspendUser(suspend.toBuilder().setRequestId(newId()).build())
                .getAuditEntry());
        assertStatus(Status.Code.ALREADY_EXISTS, "REQUEST_ID_REUSED", () -> ban(newId(), requestId));

        List<EventEnvelope> suspended = Owners.events("admin.user.suspended", user, QUIET);
        assertEquals(1, suspended.size());
        assertEquals(entry.getAuditEntryId(), suspended.get(0).getAdminUserSuspended().getAuditEntryId());

        ReinstateUserRequest reinstate = ReinstateUserRequest.newBuilder().setUserId(user).setReason("appeal").build();
        client.asAdmin(admin).reinstateUser(reinstate);
        assertStatus(Status.Code.FAILED_PRECONDITION, "USER_NOT_SUSPENDED", () -> client.asAdmin(admin).reinstateUser(reinstate));
        assertEquals(1, Owners.events("admin.user.reinstated", user, QUIET).size());
    }

    @Test
    void anAdminCannotSuspendThemself() {
        String self = Owners.newUser();
        assertStatus(Status.Code.FAILED_PRECONDITION, "CANNOT_SUSPEND_SELF", () -> client.asAdmin(self).suspendUser(
                SuspendUserRequest.newBuilder().setUserId(self).setReason("oops").build()));
    }

    @Test
    void aTimedSuspensionEndsByItself() throws Exception {
        String user = Owners.newUser();
        var e = assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> client.asAdmin(admin).suspendUser(SuspendUserRequest
                .newBuilder().setUserId(user).setReason("cool off").setEndTime(timestamp(Instant.now().minusSeconds(1)))
                .build()));
        assertEquals(List.of("end_time"), violatedFields(e));

        Instant end = Instant.now().plusSeconds(2);
        AuditEntry suspended = client.asAdmin(admin).suspendUser(SuspendUserRequest.newBuilder().setUserId(user)
                .setReason("cool off").setEndTime(timestamp(end)).build()).getAuditEntry();
        assertEquals(end.getEpochSecond(), suspended.getEndTime().getSeconds());

        List<EventEnvelope> reinstated = Owners.events("admin.user.reinstated", user, QUIET);
        assertEquals(1, reinstated.size());
        assertEquals("system", reinstated.get(0).getAdminUserReinstated().getActorId());
        List<AuditEntry> trail = client.asAdmin(admin).listAuditLog(ListAuditLogRequest.newBuilder().setTargetId(user)
                .build()).getEntriesList();
        assertEquals(List.of(AuditAction.AUDIT_ACTION_REINSTATE_USER, AuditAction.AUDIT_ACTION_SUSPEND_USER),
                trail.stream().map(AuditEntry::getAction).toList());
        assertEquals("system", trail.get(0).getActorId());
        assertTrue(!Instant.ofEpochSecond(trail.get(0).getCreateTime().getSeconds() + 1).isBefore(end),
                "not ended before its time");
        assertStatus(Status.Code.FAILED_PRECONDITION, "USER_NOT_SUSPENDED", () -> client.asAdmin(admin).reinstateUser(
                ReinstateUserRequest.newBuilder().setUserId(user).setReason("again").build()));
    }

    private static Timestamp timestamp(Instant time) {
        return Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()).build();
    }
}
