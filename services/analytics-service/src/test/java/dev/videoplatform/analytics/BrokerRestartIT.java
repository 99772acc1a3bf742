package dev.videoplatform.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.analytics.v1.View;
import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.ServiceProcess;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once across a broker restart: the Kafka broker stops and starts again (same port, same
 * log) while views stream in and the aggregation runs. Its open transactions abort, its
 * producers and consumers reconnect, and every video ends with exactly its distinct views
 * (retried reports, sent twice, still count once); the service's own ingest works again after.
 */
class BrokerRestartIT {

    @Test
    void countsStayExactAcrossABrokerRestart() throws Exception {
        DevstackSettings stack = PackagedService.stack();
        Path work = Path.of("target", "broker-restart-it").toAbsolutePath();
        List<String> videos = PackagedService.videos(stack, 6);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        AtomicBoolean stop = new AtomicBoolean();
        try (KafkaProducer<String, byte[]> views = PackagedService.producer(stack);
                ServiceProcess service = PackagedService.start(stack, work, "service");
                AnalyticsClient client = new AnalyticsClient(service.port())) {
            Future<Integer> sending = sender.submit(() -> PackagedService.send(views, videos, round -> !stop.get()));
            // Restarted mid-stream: part of the views counted, more buffered while it is down and sent after.
            client.awaitStats(videos.get(0), s -> s.getViewCount() >= 500, 60_000);
            Devstack.shared().restartKafka();
            AnalyticsClient.sleep(2000);
            stop.set(true);
            int sent = sending.get();
            assertTrue(sent > 500, "views sent " + sent);
            KillRestartIT.assertExact(client, videos, sent);

            String fresh = PackagedService.videos(stack, 1).get(0);
            List<View> more = IntStream.range(0, 100).mapToObj(i -> AnalyticsClient.view(fresh, Instant.now(), 5)).toList();
            assertEquals(100, client.recordAll(more).getAcceptedCount());
            KillRestartIT.assertExact(client, List.of(fresh), 100);
        } finally {
            sender.shutdownNow();
        }
    }
}
