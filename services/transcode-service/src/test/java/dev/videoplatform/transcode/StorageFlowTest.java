package dev.videoplatform.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.TestClips;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.VideoTranscodeFailed;
import dev.videoplatform.events.v1.VideoTranscodeProgress;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.transcode.v1.GetJobRequest;
import dev.videoplatform.transcode.v1.Job;
import dev.videoplatform.transcode.v1.JobState;
import dev.videoplatform.transcode.v1.TranscodeAdminGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transcode flow where it meets the blob store: raw upload in, ladder published, failures
 * leaving nothing behind, redelivery writing nothing again. Run on every blob backend
 * ({@link TranscodeFlowTest}: filesystem, {@link TranscodeFlowOnS3Test}: S3); the media cases that
 * do not depend on where blobs live run once, in {@link TranscodeFlowTest}.
 */
abstract class StorageFlowTest extends TranscodeServiceTest {

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    private ManagedChannel channel;
    TranscodeAdminGrpc.TranscodeAdminBlockingStub admin;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        admin = adminStub(TestIdentity.shared().token("operator-1", Set.of("user", "admin")));
    }

    TranscodeAdminGrpc.TranscodeAdminBlockingStub adminStub(String token) {
        TranscodeAdminGrpc.TranscodeAdminBlockingStub stub = TranscodeAdminGrpc.newBlockingStub(channel);
        if (token == null) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    HlsOutput output(String videoId) throws java.io.IOException {
        return new HlsOutput(hlsDirectory(videoId));
    }

    @Test
    void aClipWithSoundBecomesAnAlignedLadderOfTheRungsNoTallerThanTheSource() throws Exception {
        String videoId = upload(TestClips.mp4(tmp.resolve("in.mp4"), 640, 360, 9, true));
        VideoTranscodeRequested request = request(videoId);
        send(request);

        VideoTranscoded done = EventEnvelopes.payload(await("video.transcoded", videoId, 1).get(0), VideoTranscoded.class);
        assertEquals(request.getJobId(), done.getJobId());
        assertEquals(List.of("240p", "360p"), done.getRenditionsList().stream().map(r -> r.getName()).toList());
        assertEquals(426, done.getRenditions(0).getWidth());
        assertEquals(640, done.getRenditions(1).getWidth());
        assertEquals(9, done.getDuration().getSeconds(), 1);
        assertEquals("hls/" + videoId + "/master.m3u8", done.getMasterPlaylistKey());
        assertEquals("hls/" + videoId + "/360p/index.m3u8", done.getRenditions(1).getPlaylistKey());

        HlsOutput hls = output(videoId);
        List<HlsOutput.Variant> variants = hls.master();
        assertEquals(List.of("240p/index.m3u8", "360p/index.m3u8"), variants.stream().map(HlsOutput.Variant::uri).toList());
        assertEquals(done.getRenditions(0).getBandwidthBps(), variants.get(0).bandwidth());
        assertTrue(variants.get(0).bandwidth() < variants.get(1).bandwidth(), variants.toString());
        hls.assertPlayableAndAligned(true);
        String poster = HlsOutput.ffprobe("-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0",
                hlsDirectory(videoId).resolve(BlobKeys.POSTER).toString()).strip();
        assertEquals("mjpeg,640,360", poster);

        assertFalse(await("video.transcode.progress", videoId, 1).isEmpty());
        VideoTranscodeProgress progress = EventEnvelopes.payload(await("video.transcode.progress", videoId, 1).get(0), VideoTranscodeProgress.class);
        assertEquals(request.getJobId(), progress.getJobId());
        Job job = admin.getJob(GetJobRequest.newBuilder().setJobId(request.getJobId()).build());
        assertEquals(JobState.JOB_STATE_SUCCEEDED, job.getState());
        assertEquals(100, job.getProgressPercent());
        assertTrue(job.hasStartTime() && job.hasEndTime());
        assertTrue(Files.notExists(blobs.scratchDirectory().resolve("transcode-" + request.getJobId())));
    }

    @Test
    void aCorruptFileFailsWithAReasonAndLeavesNothingBehind() throws Exception {
        Path junk = tmp.resolve("junk.mp4");
        byte[] bytes = new byte[200_000];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(junk, bytes);
        String videoId = upload(junk);
        VideoTranscodeRequested request = request(videoId);
        send(request);
        VideoTranscodeFailed failed = EventEnvelopes.payload(await("video.transcode.failed", videoId, 1).get(0), VideoTranscodeFailed.class);
        assertFalse(failed.getRetriable());
        assertTrue(failed.getReason().contains("Invalid data") || failed.getReason().contains("no video"), failed.getReason());
        assertFalse(failed.getReason().contains(blobRoot), "reason leaks a path: " + failed.getReason());
        assertTrue(nothingPublished(videoId));
        assertTrue(Files.notExists(blobs.scratchDirectory().resolve("transcode-" + request.getJobId())));
        Job job = admin.getJob(GetJobRequest.newBuilder().setJobId(request.getJobId()).build());
        assertEquals(JobState.JOB_STATE_FAILED, job.getState());
        assertEquals(failed.getReason(), job.getLastError());
    }

    @Test
    void aRedeliveredFinishedJobIsReportedAgainButNotTranscodedAgain() throws Exception {
        String videoId = upload(TestClips.mp4(tmp.resolve("again.mp4"), 320, 240, 4, true));
        VideoTranscodeRequested request = request(videoId);
        send(request);
        EventEnvelope first = await("video.transcoded", videoId, 1).get(0);
        String master = BlobKeys.ladder(videoId) + BlobKeys.MASTER_PLAYLIST;
        long written = blobs.stat(master).orElseThrow().lastModifiedMillis();
        int progressBefore = await("video.transcode.progress", videoId, 1).size();

        send(request);
        List<EventEnvelope> results = await("video.transcoded", videoId, 2);
        assertEquals(2, results.size());
        assertEquals(first.getEventId(), results.get(1).getEventId(), "the repeat must be the same event");
        assertEquals(written, blobs.stat(master).orElseThrow().lastModifiedMillis());
        assertEquals(progressBefore, await("video.transcode.progress", videoId, 1).size());
    }
}
