package dev.videoplatform.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.RenditionSpec;
import dev.videoplatform.events.v1.VideoTranscodeFailed;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.blob.BlobStore;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.hls.RenditionLadder;
import dev.videoplatform.platform.ids.Uuid7;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the tests driving the service through Kafka share: raw uploads in the blob store, transcode
 * requests sent as upload-service sends them, and the events that come back.
 */
abstract class TranscodeServiceTest {

    static final List<RenditionSpec> LADDER = RenditionLadder.specs(List.of());

    @Inject
    BlobStore blobs;

    @ConfigProperty(name = "videoplatform.blob.root")
    String blobRoot;

    /** Clips made for one test (QuarkusTest does not support @TempDir fields). */
    Path tmp;

    @BeforeEach
    void clipDirectory() throws Exception {
        tmp = Files.createDirectories(Path.of("target", "test-clips", Uuid7.next()));
    }

    static VideoTranscodeRequested request(String videoId) {
        return VideoTranscodeRequested.newBuilder().setVideoId(videoId).setJobId(Uuid7.next()).setAttempt(1)
                .setRawBlobKey(BlobKeys.raw(videoId)).setHlsPrefix(BlobKeys.ladder(videoId)).addAllRenditions(LADDER).build();
    }

    static TopicProbe topics() {
        return new TopicProbe(Devstack.shared().settings().kafkaBootstrapServers());
    }

    static void send(VideoTranscodeRequested request) {
        EventEnvelope envelope = EventEnvelopes.wrap("upload-service", request.getVideoId(), request);
        topics().publish(envelope.getEventType(), request.getVideoId(), envelope.toByteArray());
    }

    static List<EventEnvelope> await(String topic, String videoId, int atLeast) {
        Predicate<byte[]> forVideo = bytes -> EventEnvelopes.parse(bytes).getAggregateKey().equals(videoId);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<EventEnvelope> found;
        do {
            found = topics().collect(topic, forVideo, Duration.ofMillis(500), Duration.ofSeconds(5)).stream()
                    .map(EventEnvelopes::parse).toList();
        } while (found.size() < atLeast && System.nanoTime() < deadline);
        assertTrue(found.size() >= atLeast, "expected " + atLeast + " event(s) on " + topic + " for " + videoId);
        return found;
    }

    /** Stores a file as a new video's raw upload; returns the video id. */
    String upload(Path file) throws Exception {
        String videoId = Uuid7.next();
        Path copy = Files.copy(file, blobs.scratchDirectory().resolve(videoId));
        blobs.put(BlobKeys.raw(videoId), copy);
        return videoId;
    }

    /**
     * A local copy of a video's published ladder, for ffprobe: the directory itself on a
     * filesystem store, a download of every object under the prefix on S3.
     */
    Path hlsDirectory(String videoId) throws IOException {
        List<String> keys = blobs.list(BlobKeys.ladder(videoId));
        if (keys.isEmpty() || blobs.localFile(keys.get(0)).isPresent()) {
            return Path.of(blobRoot).resolve("hls").resolve(videoId);
        }
        return HlsOutput.download(blobs, videoId, tmp.resolve("published-" + videoId));
    }

    /** Nothing of the video's ladder is in the store. */
    boolean nothingPublished(String videoId) throws IOException {
        return blobs.list(BlobKeys.ladder(videoId)).isEmpty();
    }

    /**
     * Transcodes a video that must be refused before encoding: the job fails, not retriably,
     * with a reason containing {@code why}, and leaves no output, no scratch directory and no
     * progress (ffmpeg's encoding run is the only source of progress events).
     */
    void assertRefusedBeforeEncoding(String videoId, String why) throws Exception {
        VideoTranscodeRequested request = request(videoId);
        send(request);
        VideoTranscodeFailed failed = EventEnvelopes.payload(await("video.transcode.failed", videoId, 1).get(0), VideoTranscodeFailed.class);
        assertFalse(failed.getRetriable(), failed.getReason());
        assertTrue(failed.getReason().contains(why), failed.getReason());
        assertTrue(nothingPublished(videoId), "output written for " + videoId);
        assertTrue(Files.notExists(blobs.scratchDirectory().resolve("transcode-" + request.getJobId())));
        assertEquals(List.of(), topics().collect("video.transcode.progress",
                bytes -> EventEnvelopes.parse(bytes).getAggregateKey().equals(videoId), Duration.ofMillis(500),
                Duration.ofSeconds(2)), "an encoding run started for " + videoId);
    }
}
