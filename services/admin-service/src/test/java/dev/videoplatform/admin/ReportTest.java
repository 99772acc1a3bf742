package dev.videoplatform.admin;

import static dev.videoplatform.admin.AdminClient.assertStatus;
import static dev.videoplatform.admin.AdminClient.newId;
import static dev.videoplatform.admin.AdminClient.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.admin.v1.DismissReportRequest;
import dev.videoplatform.admin.v1.DismissReportResponse;
import dev.videoplatform.admin.v1.ListReportsRequest;
import dev.videoplatform.admin.v1.Report;
import dev.videoplatform.admin.v1.ReportReason;
import dev.videoplatform.admin.v1.ReportState;
import dev.videoplatform.admin.v1.ReportVideoRequest;
import dev.videoplatform.admin.v1.AuditAction;
import dev.videoplatform.upload.v1.Visibility;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Reports: one per user and video, the priority threshold (3 distinct reporters), the review queue. */
@QuarkusTest
class ReportTest {

    private static final AdminClient client = new AdminClient();
    private final String admin = newId();

    @AfterAll
    static void close() {
        client.close();
    }

    private static Report report(String reporter, String videoId, ReportReason reason, String details) {
        return client.asUser(reporter).reportVideo(ReportVideoRequest.newBuilder().setVideoId(videoId).setReason(reason)
                .setDetails(details).build()).getReport();
    }

    private List<Report> openReportsOf(String videoId) {
        return client.asAdmin(admin).listReports(ListReportsRequest.newBuilder().setVideoId(videoId)
                .setState(ReportState.REPORT_STATE_OPEN).build()).getReportsList();
    }

    @Test
    void reportingAgainUpdatesTheSameReport() throws Exception {
        String video = Owners.video(Owners.newUser(), Visibility.VISIBILITY_PUBLIC, true);
        String reporter = newId();
        Report first = report(reporter, video, ReportReason.REPORT_REASON_SPAM, "");
        Report again = report(reporter, video, ReportReason.REPORT_REASON_MISLEADING, "the title lies");

        assertEquals(first.getReportId(), again.getReportId());
        assertEquals(ReportReason.REPORT_REASON_MISLEADING, again.getReason());
        assertEquals(ReportState.REPORT_STATE_OPEN, again.getState());
        assertEquals(List.of(first.getReportId()), openReportsOf(video).stream().map(Report::getReportId).toList());
    }

    @Test
    void aVideoIsPriorityOnceEnoughDistinctUsersReportIt() throws Exception {
        String video = Owners.video(Owners.newUser(), Visibility.VISIBILITY_PUBLIC, true);
        String calm = Owners.video(Owners.newUser(), Visibility.VISIBILITY_PUBLIC, true);
        String first = newId();
        report(first, video, ReportReason.REPORT_REASON_VIOLENCE, "");
        report(first, video, ReportReason.REPORT_REASON_VIOLENCE, "");
        Report second = report(newId(), video, ReportReason.REPORT_REASON_VIOLENCE, "");
        report(newId(), calm, ReportReason.REPORT_REASON_SPAM, "");

        assertFalse(second.getPriority(), "two distinct reporters are below the threshold of 3");
        Report third = report(newId(), video, ReportReason.REPORT_REASON_HATE, "");
        assertTrue(third.getPriority());
        assertTrue(openReportsOf(video).stream().allMatch(Report::getPriority));
        assertEquals(3, openReportsOf(video).size());
        assertFalse(openReportsOf(calm).get(0).getPriority());

        // The queue: priority reports before older ordinary ones, each group oldest first.
        List<Report> queue = new ArrayList<>();
        String token = "";
        do {
            var page = client.asAdmin(admin).listReports(ListReportsRequest.newBuilder()
                    .setState(ReportState.REPORT_STATE_OPEN).setPageSize(2).setPageToken(token).build());
            queue.addAll(page.getReportsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        int lastPriority = -1;
        int firstOrdinary = queue.size();
        for (int i = 0; i < queue.size(); i++) {
            if (queue.get(i).getPriority()) {
                lastPriority = i;
            } else {
                firstOrdinary = Math.min(firstOrdinary, i);
            }
        }
        assertTrue(lastPriority < firstOrdinary, "priority reports come first");
        assertEquals(queue.size(), queue.stream().map(Report::getReportId).distinct().count(), "pages do not overlap");
        assertTrue(queue.stream().anyMatch(r -> r.getVideoId().equals(calm)));
    }

    @Test
    void reportsFilterByReason() throws Exception {
        String video = Owners.video(Owners.newUser(), Visibility.VISIBILITY_PUBLIC, true);
        Report copyright = report(newId(), video, ReportReason.REPORT_REASON_COPYRIGHT, "my song");
        report(newId(), video, ReportReason.REPORT_REASON_SPAM, "");

        List<Report> found = client.asAdmin(admin).listReports(ListReportsRequest.newBuilder().setVideoId(video)
                .setReason(ReportReason.REPORT_REASON_COPYRIGHT).build()).getReportsList();
        assertEquals(List.of(copyright.getReportId()), found.stream().map(Report::getReportId).toList());
    }

    @Test
    void badReportsAreInvalidArgumentsWithEveryField() {
        var e = assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> client.asUser(newId()).reportVideo(
                ReportVideoRequest.newBuilder().setReason(ReportReason.REPORT_REASON_OTHER).build()));
        assertEquals(List.of("video_id", "details"), violatedFields(e));
        e = assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> client.asUser(newId()).reportVideo(
                ReportVideoRequest.newBuilder().setVideoId(newId()).setDetails("x".repeat(1001)).build()));
        assertEquals(List.of("reason", "details"), violatedFields(e));
    }

    @Test
    void videosTheReporterCannotSeeAreNotFound() throws Exception {
        String owner = Owners.newUser();
        String hidden = Owners.video(owner, Visibility.VISIBILITY_PRIVATE, true);
        assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND",
                () -> report(newId(), hidden, ReportReason.REPORT_REASON_SPAM, ""));
        assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND",
                () -> report(newId(), newId(), ReportReason.REPORT_REASON_SPAM, ""));
        assertEquals(owner, report(owner, hidden, ReportReason.REPORT_REASON_OTHER, "testing").getReporterId());
    }

    @Test
    void dismissingRecordsWhoAndWhyOnce() throws Exception {
        String video = Owners.video(Owners.newUser(), Visibility.VISIBILITY_PUBLIC, true);
        Report report = report(newId(), video, ReportReason.REPORT_REASON_HARASSMENT, "");
        DismissReportResponse dismissed = client.asAdmin(admin).dismissReport(DismissReportRequest.newBuilder()
                .setReportId(report.getReportId()).setReason("not harassment").build());

        assertEquals(ReportState.REPORT_STATE_DISMISSED, dismissed.getReport().getState());
        assertEquals(admin, dismissed.getReport().getResolverId());
        assertEquals("not harassment", dismissed.getReport().getResolveReason());
        assertEquals(AuditAction.AUDIT_ACTION_DISMISS_REPORT, dismissed.getAuditEntry().getAction());
        assertEquals(report.getReportId(), dismissed.getAuditEntry().getReportId());
        assertStatus(Status.Code.FAILED_PRECONDITION, "REPORT_NOT_OPEN", () -> client.asAdmin(admin).dismissReport(
                DismissReportRequest.newBuilder().setReportId(report.getReportId()).setReason("again").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> client.asAdmin(admin).dismissReport(
                DismissReportRequest.newBuilder().setReportId(report.getReportId()).build()));
    }
}
