package dev.videoplatform.recommendation;

import static dev.videoplatform.recommendation.Platform.await;
import static dev.videoplatform.recommendation.Platform.id;
import static dev.videoplatform.recommendation.Platform.publish;
import static dev.videoplatform.recommendation.Platform.view;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videoplatform.devstack.PackagedService;
import dev.videoplatform.recommendation.v1.FeedItem;
import dev.videoplatform.recommendation.v1.FeedReason;
import dev.videoplatform.recommendation.v1.GetRelatedRequest;
import dev.videoplatform.recommendation.v1.GetRelatedResponse;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service (the jar here, the native executable in CI's native job) on the devstack:
 * video.published and view events in from Kafka, co-visitation in Redis, GetRelated over gRPC with
 * the videos from upload's contract (a gRPC client call), health and metrics.
 */
@QuarkusIntegrationTest
class PackagedRecommendationServiceIT {

    private final PackagedService service = new PackagedService();

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void videosWatchedTogetherAreRelated() throws Exception {
        String a = publish(id("c"));
        String b = publish(id("c"));
        String viewer = id("u");
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        view(viewer, a, t0);
        view(viewer, b, t0.plusSeconds(120));

        GetRelatedResponse related = await(() -> Platform.anonymous(service.channel())
                        .getRelated(GetRelatedRequest.newBuilder().setVideoId(a).setPageSize(10).build()),
                r -> r.getItemsList().stream().anyMatch(item -> item.getReason() == FeedReason.FEED_REASON_WATCHED_TOGETHER));
        List<FeedItem> together = related.getItemsList().stream()
                .filter(item -> item.getReason() == FeedReason.FEED_REASON_WATCHED_TOGETHER).toList();
        assertEquals(b, together.get(0).getVideo().getVideoId());
        assertEquals("Video " + b, together.get(0).getVideo().getTitle(), "the video as upload's BatchGetVideos has it");
        service.assertRpcTimed("GetRelated");
    }

    @Test
    void isReady() {
        service.assertReady();
    }
}
