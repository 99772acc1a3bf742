package dev.videoplatform.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.S3ProxyProcess;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestClips;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.blob.BlobStore;
import dev.videoplatform.platform.blob.BlobStoreProducer;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.ids.Uuid7;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A worker on S3 killed with SIGKILL in the middle of publishing a ladder (segments in the bucket,
 * no master yet): readers find no master playlist and no done-marker, so nothing of the half
 * ladder is reachable; the redelivered job is redone on a restarted worker, and its publish
 * leaves exactly the new ladder (the killed attempt's orphans replaced or deleted).
 */
class WorkerKillOnS3IT {

    @Test
    void aJobKilledMidPublishLeavesNoReachableLadderAndCompletesAfterRestart() throws Exception {
        DevstackSettings stack = Devstack.shared().settings();
        Path work = Files.createDirectories(Path.of("target", "kill-s3-it").toAbsolutePath());
        Map<String, String> settings = new HashMap<>(S3ProxyProcess.shared().blobConfig("kill-" + Uuid7.next().toLowerCase(),
                Files.createDirectories(work.resolve("scratch"))));
        BlobStore blobs = BlobStoreProducer.open(new SmallRyeConfigBuilder().withMapping(BlobStoreProducer.BlobConfig.class)
                .withDefaultValues(settings).build().getConfigMapping(BlobStoreProducer.BlobConfig.class));
        String videoId = Uuid7.next();
        blobs.put(BlobKeys.raw(videoId), TestClips.mp4(work.resolve(videoId + ".mp4"), 1280, 720, 30, true));
        VideoTranscodeRequested request = TranscodeServiceTest.request(videoId);
        String master = BlobKeys.ladder(videoId) + BlobKeys.MASTER_PLAYLIST;
        String done = BlobKeys.ladder(videoId) + BlobKeys.DONE_MARKER;
        settings.putAll(Map.of("kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "quarkus.redis.hosts", stack.redisUrl(), "videoplatform.page-token.secret", "it-secret",
                "videoplatform.transcode.progress-interval", "200ms",
                // A killed member must leave the group quickly for the restart to get its partitions.
                "mp.messaging.incoming.video-transcode.session.timeout.ms", "6000"));
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");

        List<String> halfPublished;
        try (ServiceProcess first = ServiceProcess.start(jar, settings, work.resolve("first.log"))) {
            TranscodeServiceTest.send(request);
            do {
                halfPublished = blobs.list(BlobKeys.ladder(videoId));
                Thread.sleep(10);
            } while (halfPublished.isEmpty());
            first.kill();
        }
        assertTrue(blobs.stat(master).isEmpty(), "a killed publish must not expose a master playlist");
        assertTrue(blobs.stat(done).isEmpty());
        assertFalse(blobs.list(BlobKeys.ladder(videoId)).contains(master));

        try (ServiceProcess second = ServiceProcess.start(jar, settings, work.resolve("second.log"))) {
            VideoTranscoded result = EventEnvelopes.payload(TranscodeServiceTest.await("video.transcoded", videoId, 1).get(0),
                    VideoTranscoded.class);
            assertEquals(request.getJobId(), result.getJobId());
            assertTrue(blobs.stat(master).isPresent() && blobs.stat(done).isPresent());
            new HlsOutput(HlsOutput.download(blobs, videoId, work.resolve("published-" + videoId))).assertPlayableAndAligned(true);
        }
    }
}
