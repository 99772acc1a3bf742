package dev.videoplatform.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.TestClips;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.ids.Uuid7;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A worker killed with SIGKILL in the middle of a job: nothing half-done becomes visible, and
 * after a restart the redelivered job is redone from scratch and completes.
 */
class WorkerKillIT {

    @Test
    void aJobKilledMidwayCompletesAfterRestart() throws Exception {
        DevstackSettings stack = Devstack.shared().settings();
        Path work = Files.createDirectories(Path.of("target", "kill-it").toAbsolutePath());
        Path blobRoot = Files.createDirectories(work.resolve("blobs"));
        String videoId = Uuid7.next();
        Path clip = TestClips.mp4(work.resolve(videoId + ".mp4"), 1280, 720, 30, true);
        Files.move(clip, Files.createDirectories(blobRoot.resolve("raw")).resolve(videoId));
        VideoTranscodeRequested request = TranscodeServiceTest.request(videoId);
        Path hls = blobRoot.resolve("hls").resolve(videoId);
        Map<String, String> settings = Map.of("kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "quarkus.redis.hosts", stack.redisUrl(), "videoplatform.page-token.secret", "it-secret",
                "videoplatform.blob.root", blobRoot.toString(), "videoplatform.transcode.progress-interval", "200ms",
                // A killed member must leave the group quickly for the restart to get its partitions.
                "mp.messaging.incoming.video-transcode.session.timeout.ms", "6000");
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");

        try (ServiceProcess first = ServiceProcess.start(jar, settings, work.resolve("first.log"))) {
            TranscodeServiceTest.send(request);
            TranscodeServiceTest.await("video.transcode.progress", videoId, 1);
            first.kill();
        }
        assertTrue(Files.notExists(hls), "a killed job must not publish anything");
        assertTrue(Files.exists(blobRoot.resolve(".scratch").resolve("transcode-" + request.getJobId())),
                "the killed job was really under way");
        assertTrue(TranscodeServiceTest.topics().collect("video.transcoded",
                b -> EventEnvelopes.parse(b).getAggregateKey().equals(videoId), java.time.Duration.ofMillis(200),
                java.time.Duration.ofSeconds(2)).isEmpty());

        try (ServiceProcess second = ServiceProcess.start(jar, settings, work.resolve("second.log"))) {
            VideoTranscoded done = EventEnvelopes.payload(TranscodeServiceTest.await("video.transcoded", videoId, 1).get(0), VideoTranscoded.class);
            assertEquals(request.getJobId(), done.getJobId());
            assertEquals(List.of("240p", "360p", "480p", "720p"),
                    done.getRenditionsList().stream().map(r -> r.getName()).toList());
            new HlsOutput(hls).assertPlayableAndAligned(true);
            assertTrue(Files.notExists(blobRoot.resolve(".scratch").resolve("transcode-" + request.getJobId())));
        }
    }
}
