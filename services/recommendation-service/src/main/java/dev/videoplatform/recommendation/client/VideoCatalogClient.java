package dev.videoplatform.recommendation.client;

import dev.videoplatform.upload.v1.BatchGetVideosRequest;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoService;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * upload-service's BatchGetVideos, asked anonymously (so it answers only what anyone may see):
 * the cards' metadata, and the last word on visibility. 500 ms per attempt, one jittered retry
 * (a read), a circuit breaker; when upload cannot answer, the caller falls back to the candidate
 * pool's copy and says the answer is degraded.
 */
@ApplicationScoped
public class VideoCatalogClient {

    private static final Logger LOG = Logger.getLogger(VideoCatalogClient.class);

    /** The videos upload-service returned that are PUBLIC and READY, or that it could not be asked. */
    public record Hydrated(Map<String, Video> videos, boolean answered) {
    }

    private final VideoService videos;

    public VideoCatalogClient(@GrpcClient("upload") VideoService videos) {
        this.videos = videos;
    }

    @Timeout(500)
    @Retry(maxRetries = 1, delay = 50, jitter = 25)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName("upload-video-service")
    @Fallback(fallbackMethod = "unanswered")
    public Uni<Hydrated> hydrate(List<String> videoIds) {
        if (videoIds.isEmpty()) {
            return Uni.createFrom().item(new Hydrated(Map.of(), true));
        }
        return videos.batchGetVideos(BatchGetVideosRequest.newBuilder().addAllVideoIds(videoIds).build()).map(response -> {
            Map<String, Video> visible = new HashMap<>();
            for (Video video : response.getVideosList()) {
                if (video.getVisibility() == Visibility.VISIBILITY_PUBLIC && video.getStatus() == VideoStatus.VIDEO_STATUS_READY) {
                    visible.put(video.getVideoId(), video);
                }
            }
            return new Hydrated(visible, true);
        });
    }

    Uni<Hydrated> unanswered(List<String> videoIds, Throwable failure) {
        LOG.warnf("upload-service did not answer BatchGetVideos for %d videos (%s); using the pool's copy",
                videoIds.size(), failure.toString());
        return Uni.createFrom().item(new Hydrated(Map.of(), false));
    }
}
