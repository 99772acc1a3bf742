package dev.videoplatform.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.PackagedService;
import dev.videoplatform.events.v1.VideoTranscodeFailed;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.upload.v1.GetVideoRequest;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service (the jar here, the native executable in CI's native job) on the devstack:
 * a chunked gRPC upload into its database and blob store, the transcode request out on Kafka, a
 * transcode failure in from Kafka, health and metrics.
 */
@QuarkusIntegrationTest
class PackagedUploadServiceIT {

    private final PackagedService service = new PackagedService();
    private final UploadClient owner = UploadClient.newUser();

    @AfterEach
    void close() {
        owner.close();
        service.close();
    }

    @Test
    void anUploadRequestsATranscodeAndATranscodeFailureFailsTheVideo() throws Exception {
        Video video = owner.uploadVideo(Visibility.VISIBILITY_PUBLIC);
        assertEquals(VideoStatus.VIDEO_STATUS_PROCESSING, video.getStatus());

        VideoTranscodeRequested requested = EventEnvelopes.payload(UploadClient.topics().collect("video.transcode",
                bytes -> EventEnvelopes.parse(bytes).getAggregateKey().equals(video.getVideoId()),
                Duration.ofMillis(100), Duration.ofSeconds(20)).stream().map(EventEnvelopes::parse).findFirst().orElseThrow(),
                VideoTranscodeRequested.class);
        UploadClient.publish(EventEnvelopes.wrap("transcode-service", video.getVideoId(), VideoTranscodeFailed.newBuilder()
                .setVideoId(video.getVideoId()).setJobId(requested.getJobId()).setAttempt(1)
                .setReason("no video stream in input").setRetriable(false).build()));
        Video failed = PackagedService.await(() -> owner.videos().getVideo(GetVideoRequest.newBuilder()
                .setVideoId(video.getVideoId()).build()), v -> v.getStatus() == VideoStatus.VIDEO_STATUS_FAILED, Duration.ofSeconds(20));
        assertTrue(failed.getFailureReason().contains("no video stream in input"), failed.getFailureReason());
        service.assertRpcTimed("CompleteUpload");
    }

    @Test
    void isReady() {
        service.assertReady();
    }
}
