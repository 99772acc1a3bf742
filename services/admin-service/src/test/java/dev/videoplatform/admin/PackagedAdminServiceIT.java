package dev.videoplatform.admin;

import static dev.videoplatform.admin.AdminClient.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videoplatform.admin.v1.AuditEntry;
import dev.videoplatform.admin.v1.BanVideoRequest;
import dev.videoplatform.admin.v1.ReportReason;
import dev.videoplatform.admin.v1.ReportVideoRequest;
import dev.videoplatform.devstack.PackagedService;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service (the jar here, the native executable in CI's native job) on the devstack,
 * beside the real user- and upload-service: a report and a ban over gRPC (the video looked up at
 * upload), the hash-chained audit entry, admin.video.banned out on Kafka and applied by upload,
 * health and metrics.
 */
@QuarkusIntegrationTest
class PackagedAdminServiceIT {

    private final PackagedService service = new PackagedService();
    private final AdminClient client = new AdminClient();

    @AfterEach
    void close() {
        client.close();
        service.close();
    }

    @Test
    void aReportedVideoIsBannedAuditedAndTheBanApplied() throws Exception {
        String owner = Owners.newUser();
        String video = Owners.video(owner, Visibility.VISIBILITY_PUBLIC, true);
        client.asUser(newId()).reportVideo(ReportVideoRequest.newBuilder().setVideoId(video)
                .setReason(ReportReason.REPORT_REASON_VIOLENCE).build());
        AuditEntry entry = client.asAdmin(newId()).banVideo(BanVideoRequest.newBuilder().setVideoId(video).setReason("gore")
                .setRequestId(newId()).build()).getAuditEntry();
        assertEquals(64, entry.getHash().length());

        assertEquals(entry.getAuditEntryId(), Owners.events("admin.video.banned", video, Duration.ofMillis(100)).get(0)
                .getAdminVideoBanned().getAuditEntryId());
        Owners.awaitVideo(video, v -> v.getStatus() == VideoStatus.VIDEO_STATUS_BANNED);
        service.assertRpcTimed("BanVideo");
    }

    @Test
    void isReady() {
        service.assertReady();
    }
}
