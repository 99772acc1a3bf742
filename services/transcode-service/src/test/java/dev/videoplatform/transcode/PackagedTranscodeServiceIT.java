package dev.videoplatform.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videoplatform.devstack.PackagedService;
import dev.videoplatform.devstack.TestClips;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.blob.FilesystemBlobStore;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.ids.Uuid7;
import dev.videoplatform.transcode.v1.GetJobRequest;
import dev.videoplatform.transcode.v1.JobState;
import dev.videoplatform.transcode.v1.TranscodeAdminGrpc;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service (the jar here, the native executable in CI's native job) on the devstack:
 * it started, so it found ffmpeg with libx264 and AAC; a two-second clip requested over Kafka comes
 * back transcoded (ffmpeg run as a process), the job is readable over gRPC, health and metrics.
 */
@QuarkusIntegrationTest
class PackagedTranscodeServiceIT {

    private final PackagedService service = new PackagedService();

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void aTinyClipIsTranscodedAndItsJobReadable() throws Exception {
        // The launched service's blob root (%test.videoplatform.blob.root, relative to the module).
        FilesystemBlobStore blobs = new FilesystemBlobStore(Path.of("target", "test-blobs").toAbsolutePath());
        Path clips = Files.createDirectories(Path.of("target", "test-clips", Uuid7.next()));
        String videoId = Uuid7.next();
        Path raw = Files.copy(TestClips.mp4(clips.resolve("in.mp4"), 426, 240, 2, false), blobs.scratchDirectory().resolve(videoId));
        blobs.put(BlobKeys.raw(videoId), raw);

        VideoTranscodeRequested request = TranscodeServiceTest.request(videoId);
        TranscodeServiceTest.send(request);
        VideoTranscoded done = EventEnvelopes.payload(TranscodeServiceTest.await("video.transcoded", videoId, 1).get(0),
                VideoTranscoded.class);
        assertEquals("240p", done.getRenditions(0).getName());

        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + TestIdentity.shared().token("operator-1", Set.of("user", "admin")));
        assertEquals(JobState.JOB_STATE_SUCCEEDED, TranscodeAdminGrpc.newBlockingStub(service.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .getJob(GetJobRequest.newBuilder().setJobId(request.getJobId()).build()).getState());
        service.assertRpcTimed("GetJob");
    }

    @Test
    void isReady() {
        service.assertReady();
    }
}
