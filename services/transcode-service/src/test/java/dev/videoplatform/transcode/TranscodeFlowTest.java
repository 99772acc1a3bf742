package dev.videoplatform.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.TestClips;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TestServiceIdentity;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.ids.Uuid7;
import dev.videoplatform.transcode.v1.GetJobRequest;
import dev.videoplatform.transcode.v1.JobState;
import dev.videoplatform.transcode.v1.ListJobsRequest;
import dev.videoplatform.transcode.v1.TranscodeAdminGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real ffmpeg, real Kafka: requests in, HLS ladders and result events out, on the filesystem store. */
@QuarkusTest
class TranscodeFlowTest extends StorageFlowTest {

    @Test
    void aSilentClipHasNoAudioInAnyRendition() throws Exception {
        String videoId = upload(TestClips.mp4(tmp.resolve("silent.mp4"), 480, 270, 6, false));
        send(request(videoId));
        VideoTranscoded done = EventEnvelopes.payload(await("video.transcoded", videoId, 1).get(0), VideoTranscoded.class);
        assertEquals(List.of("240p"), done.getRenditionsList().stream().map(r -> r.getName()).toList());
        output(videoId).assertPlayableAndAligned(false);
    }

    @Test
    void aPortraitClipOfOddSizeGetsEvenPortraitRenditions() throws Exception {
        String videoId = upload(TestClips.oddSized(tmp.resolve("portrait.mkv"), 359, 641, 5));
        send(request(videoId));
        VideoTranscoded done = EventEnvelopes.payload(await("video.transcoded", videoId, 1).get(0), VideoTranscoded.class);
        // 359 wide: only 240p fits; short side 240, long side 641 * 240 / 359 = 428.5 → even 428.
        assertEquals(1, done.getRenditionsCount());
        assertEquals(240, done.getRenditions(0).getWidth());
        assertEquals(428, done.getRenditions(0).getHeight());
        output(videoId).assertPlayableAndAligned(false);
    }

    @Test
    void uploadsInEveryAcceptedContainerAreTranscoded() throws Exception {
        String[] h264 = {"-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"};
        Map<String, String[]> containers = new LinkedHashMap<>();
        containers.put("webm", new String[] {"-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus"});
        containers.put("mkv", h264);
        containers.put("mov", h264);
        containers.put("avi", new String[] {"-c:v", "mpeg4", "-c:a", "libmp3lame"});
        containers.put("ts", h264);
        containers.put("flv", h264);
        Map<String, String> videos = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> container : containers.entrySet()) {
            String videoId = upload(TestClips.clip(tmp.resolve("clip." + container.getKey()), 320, 180, 25, 2, true,
                    container.getValue()));
            send(request(videoId));
            videos.put(container.getKey(), videoId);
        }
        for (Map.Entry<String, String> video : videos.entrySet()) {
            VideoTranscoded done = EventEnvelopes.payload(await("video.transcoded", video.getValue(), 1).get(0), VideoTranscoded.class);
            assertEquals(List.of("240p"), done.getRenditionsList().stream().map(r -> r.getName()).toList(), video.getKey());
            output(video.getValue()).assertPlayableAndAligned(true);
        }
    }

    @Test
    void anUnreadableRequestGoesToTheDeadLetterTopic() {
        String key = "poison-" + Uuid7.next();
        topics().publish("video.transcode", key, "not an envelope".getBytes());
        List<byte[]> dead = topics().collect("video.transcode.dlq", bytes -> new String(bytes).equals("not an envelope"),
                Duration.ofMillis(500), Duration.ofSeconds(30));
        assertFalse(dead.isEmpty());
    }

    @Test
    void theOpsRpcsAreForAdminsOnly() {
        assertRefused(Status.Code.UNAUTHENTICATED, adminStub(null));
        assertRefused(Status.Code.PERMISSION_DENIED, adminStub(TestIdentity.shared().token("user-1", Set.of("user"))));
        // A service token is no user's access token.
        assertRefused(Status.Code.UNAUTHENTICATED, adminStub(TestServiceIdentity.token("upload-service", "transcode")));
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class,
                () -> admin.getJob(GetJobRequest.newBuilder().setJobId("nope").build())).getStatus().getCode());
        admin.listJobs(ListJobsRequest.getDefaultInstance());
    }

    private static void assertRefused(Status.Code code, TranscodeAdminGrpc.TranscodeAdminBlockingStub stub) {
        assertEquals(code, assertThrows(StatusRuntimeException.class,
                () -> stub.getJob(GetJobRequest.newBuilder().setJobId("nope").build())).getStatus().getCode());
        assertEquals(code, assertThrows(StatusRuntimeException.class,
                () -> stub.listJobs(ListJobsRequest.getDefaultInstance())).getStatus().getCode());
    }

    @Test
    void adminAnswersClearly() throws Exception {
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class,
                () -> admin.getJob(GetJobRequest.newBuilder().setJobId("nope").build()));
        assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
        StatusRuntimeException blank = assertThrows(StatusRuntimeException.class,
                () -> admin.getJob(GetJobRequest.getDefaultInstance()));
        assertEquals(Status.Code.INVALID_ARGUMENT, blank.getStatus().getCode());
        StatusRuntimeException negative = assertThrows(StatusRuntimeException.class,
                () -> admin.listJobs(ListJobsRequest.newBuilder().setPageSize(-1).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, negative.getStatus().getCode());
        StatusRuntimeException forged = assertThrows(StatusRuntimeException.class,
                () -> admin.listJobs(ListJobsRequest.newBuilder().setPageToken("forged").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, forged.getStatus().getCode());

        String videoId = upload(TestClips.mp4(tmp.resolve("listed.mp4"), 320, 180, 2, false));
        VideoTranscodeRequested first = request(videoId);
        VideoTranscodeRequested second = request(videoId);
        send(first);
        await("video.transcoded", videoId, 1);
        send(second);
        await("video.transcoded", videoId, 2);
        var page1 = admin.listJobs(ListJobsRequest.newBuilder().setVideoId(videoId).setPageSize(1).build());
        assertEquals(second.getJobId(), page1.getJobs(0).getJobId());
        var page2 = admin.listJobs(ListJobsRequest.newBuilder().setVideoId(videoId).setPageSize(1)
                .setPageToken(page1.getNextPageToken()).build());
        assertEquals(first.getJobId(), page2.getJobs(0).getJobId());
        assertTrue(page2.getNextPageToken().isEmpty());
        assertEquals(2, admin.listJobs(ListJobsRequest.newBuilder().setVideoId(videoId)
                .setState(JobState.JOB_STATE_SUCCEEDED).build()).getJobsCount());
    }
}
