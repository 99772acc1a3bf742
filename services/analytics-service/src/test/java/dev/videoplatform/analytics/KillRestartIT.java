package dev.videoplatform.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.videoplatform.analytics.v1.GetVideoStatsRequest;
import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.AnalyticsViewEvent;
import dev.videoplatform.events.v1.EventVisibility;
import dev.videoplatform.events.v1.VideoUploaded;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.ids.Uuid7;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once under a crash: the aggregating process is SIGKILLed while views stream in, and a
 * replacement with an empty state directory (a new pod) restores the stores from their changelogs
 * and finishes. Every distinct view is counted once: none lost, none doubled by the replay, and
 * retried reports (sent twice) still count once.
 */
class KillRestartIT {

    private static final int VIDEOS = 6;
    private static final int VIEWS_PER_VIDEO = 2000;

    @Test
    void countsStayExactAcrossAKillAndRestart() throws Exception {
        DevstackSettings stack = Devstack.shared().settings();
        Devstack.shared().createDatabase("analytics");
        Path work = Files.createDirectories(Path.of("target", "kill-it").toAbsolutePath());
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        List<String> videos = new ArrayList<>();
        TopicProbe topics = new TopicProbe(stack.kafkaBootstrapServers());
        for (int i = 0; i < VIDEOS; i++) {
            String video = Uuid7.next();
            videos.add(video);
            topics.publish("video.uploaded", video, EventEnvelopes.wrap("test", video, VideoUploaded.newBuilder().setVideoId(video)
                    .setVisibility(EventVisibility.EVENT_VISIBILITY_PUBLIC).build()).toByteArray());
        }

        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (KafkaProducer<String, byte[]> views = producer(stack)) {
            Future<?> sending;
            try (ServiceProcess first = ServiceProcess.start(jar, settings(stack, work.resolve("state-first")), work.resolve("first.log"));
                    AnalyticsClient client = new AnalyticsClient(first.port())) {
                sending = sender.submit(() -> send(views, videos));
                // Killed mid-stream: part of the views counted, the rest still arriving.
                client.awaitStats(videos.get(0), s -> s.getViewCount() >= VIEWS_PER_VIDEO / 5, 60_000);
                first.kill();
                assertTrue(!sending.isDone(), "the views were still streaming in when the process died");
            }
            restarted(jar, stack, work, videos);
            sending.get();
        } finally {
            sender.shutdownNow();
        }
    }

    /** A replacement with an empty state directory counts every view exactly once. */
    private static void restarted(Path jar, DevstackSettings stack, Path work, List<String> videos) throws Exception {
        try (ServiceProcess second = ServiceProcess.start(jar, settings(stack, work.resolve("state-second")), work.resolve("second.log"));
                AnalyticsClient client = new AnalyticsClient(second.port())) {
            for (String video : videos) {
                client.awaitStats(video, s -> s.getViewCount() >= VIEWS_PER_VIDEO, 120_000);
            }
            // Nothing more arrives after a quiet period: the totals stay exact.
            AnalyticsClient.sleep(3000);
            Map<String, Long> counted = new HashMap<>();
            for (String video : videos) {
                counted.put(video, client.stub.getVideoStats(GetVideoStatsRequest.newBuilder().setVideoId(video).build()).getViewCount());
            }
            Map<String, Long> expected = new HashMap<>();
            videos.forEach(video -> expected.put(video, (long) VIEWS_PER_VIDEO));
            assertEquals(expected, counted);
        }
    }

    /** The views of every video, about 1,200 views (2,400 reports) a second, each sent twice (a client retry: same view id). */
    private static Void send(KafkaProducer<String, byte[]> producer, List<String> videos) throws InterruptedException {
        for (int i = 0; i < VIEWS_PER_VIDEO; i++) {
            for (String video : videos) {
                Instant now = Instant.now();
                AnalyticsViewEvent view = AnalyticsViewEvent.newBuilder().setViewId(UUID.randomUUID().toString()).setVideoId(video)
                        .setSessionId(UUID.randomUUID().toString())
                        .setViewTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano())).build();
                for (int copy = 0; copy < 2; copy++) {
                    producer.send(new ProducerRecord<>("analytics.events", null, now.toEpochMilli(), video,
                            EventEnvelopes.wrap("analytics", video, view).toByteArray()));
                }
            }
            if (i % 50 == 0) {
                producer.flush();
                Thread.sleep(250);
            }
        }
        producer.flush();
        return null;
    }

    private static KafkaProducer<String, byte[]> producer(DevstackSettings stack) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static Map<String, String> settings(DevstackSettings stack, Path stateDirectory) {
        Map<String, String> settings = new HashMap<>(stack.quarkusConfig("analytics"));
        settings.put("videoplatform.page-token.secret", "it-secret");
        settings.put("kafka-streams.state.dir", stateDirectory.toString());
        // The killed member must leave the group soon for its replacement to get the partitions.
        settings.put("kafka-streams.session.timeout.ms", "6000");
        return settings;
    }
}
