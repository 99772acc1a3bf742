package dev.videoplatform.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videoplatform.analytics.v1.VideoStats;
import dev.videoplatform.events.v1.EventVisibility;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service (the jar here, the native executable in CI's native job) on the devstack:
 * views in over a gRPC stream, counted by Kafka Streams (RocksDB state) and read back over gRPC,
 * health and metrics. (The devstack's PackagedService, not this package's, which runs replicas as
 * processes for the failure tests.)
 */
@QuarkusIntegrationTest
class PackagedAnalyticsServiceIT {

    private final dev.videoplatform.devstack.PackagedService service = new dev.videoplatform.devstack.PackagedService();
    private final AnalyticsClient client = new AnalyticsClient(service.port());

    @AfterEach
    void close() {
        client.close();
        service.close();
    }

    @Test
    void recordedViewsAreCountedByTheStreamsTopology() {
        String video = VideoEvents.uploaded(EventVisibility.EVENT_VISIBILITY_PUBLIC);
        assertEquals(3, client.recordAll(List.of(AnalyticsClient.view(video, Instant.now(), 10),
                AnalyticsClient.view(video, Instant.now(), 10), AnalyticsClient.view(video, Instant.now(), 10)))
                .getAcceptedCount());
        VideoStats stats = client.awaitStats(video, s -> s.getViewCount() == 3, 30_000);
        assertEquals(30, stats.getWatchTime().getSeconds());
        service.assertRpcTimed("GetVideoStats");
    }

    @Test
    void isReady() {
        service.assertReady();
    }
}
