package dev.videoplatform.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.analytics.v1.GetVideoStatsRequest;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.ServiceProcess;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once under a crash: the aggregating process is SIGKILLed while views stream in, and a
 * replacement with an empty state directory (a new pod) restores the stores from their changelogs
 * and finishes. Every distinct view is counted once: none lost, none doubled by the replay, and
 * retried reports (sent twice) still count once.
 */
class KillRestartIT {

    @Test
    void countsStayExactAcrossAKillAndRestart() throws Exception {
        DevstackSettings stack = PackagedService.stack();
        Path work = Path.of("target", "kill-it").toAbsolutePath();
        List<String> videos = PackagedService.videos(stack, 6);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        AtomicBoolean stop = new AtomicBoolean();
        try (KafkaProducer<String, byte[]> views = PackagedService.producer(stack)) {
            Future<Integer> sending;
            try (ServiceProcess first = PackagedService.start(stack, work, "first");
                    AnalyticsClient client = new AnalyticsClient(first.port())) {
                sending = sender.submit(() -> PackagedService.send(views, videos, round -> !stop.get()));
                // Killed mid-stream: part of the views counted, more arriving during and after the kill.
                client.awaitStats(videos.get(0), s -> s.getViewCount() >= 500, 60_000);
                first.kill();
                AnalyticsClient.sleep(2000);
                stop.set(true);
            }
            int sent = sending.get();
            try (ServiceProcess second = PackagedService.start(stack, work, "second");
                    AnalyticsClient client = new AnalyticsClient(second.port())) {
                assertTrue(sent > 500, "views sent " + sent);
                assertExact(client, videos, sent);
            }
        } finally {
            sender.shutdownNow();
        }
    }

    /** Every video reaches {@code views} and, after a quiet period, has exactly that many. */
    static void assertExact(AnalyticsClient client, List<String> videos, long views) {
        for (String video : videos) {
            client.awaitStats(video, s -> s.getViewCount() >= views, 120_000);
        }
        AnalyticsClient.sleep(3000);
        Map<String, Long> counted = new HashMap<>();
        Map<String, Long> expected = new HashMap<>();
        for (String video : videos) {
            counted.put(video, client.stub.getVideoStats(GetVideoStatsRequest.newBuilder().setVideoId(video).build()).getViewCount());
            expected.put(video, views);
        }
        assertEquals(expected, counted);
    }
}
