package dev.videoplatform.streaming.client;

import dev.videoplatform.platform.auth.ServiceCredentials;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.grpc.Lookup;
import dev.videoplatform.streaming.service.LastKnownVideos;
import dev.videoplatform.upload.v1.GetVideoForPlaybackRequest;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoService;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * upload-service's VideoService as the source of playback metadata: answers within a second or
 * are given up on, a run of failures opens the circuit (calls fail at once for a while), and any
 * failure falls back to the last metadata seen for the video. An unknown or deleted video is an
 * empty answer, not a failure.
 */
@ApplicationScoped
public class VideoCatalogClient {

    private static final Logger LOG = Logger.getLogger(VideoCatalogClient.class);

    private final VideoService videos;
    private final LastKnownVideos lastKnown;

    public VideoCatalogClient(@GrpcClient("upload") @RegisterClientInterceptor(ServiceCredentials.class) VideoService videos,
            LastKnownVideos lastKnown) {
        this.videos = videos;
        this.lastKnown = lastKnown;
    }

    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName("upload-video-service")
    @Fallback(fallbackMethod = "lastKnown")
    public Uni<Optional<Video>> find(String videoId) {
        return Lookup.optional(videos.getVideoForPlayback(GetVideoForPlaybackRequest.newBuilder().setVideoId(videoId).build()))
                // The fallback copy is overwritten by every answer (a fill would lose to the
                // tombstone an invalidation just left, and the fallback would then be empty).
                .call(found -> found.isPresent() ? lastKnown.replace(videoId, found.get()) : Uni.createFrom().voidItem());
    }

    Uni<Optional<Video>> lastKnown(String videoId, Throwable failure) {
        LOG.warnf("upload-service did not answer for %s (%s); using the last known metadata", videoId, failure.toString());
        return lastKnown.getOrLoad(List.of(videoId), ids -> Uni.createFrom().item(java.util.Map.of()))
                .map(found -> {
                    Video video = found.get(videoId);
                    if (video == null) {
                        throw DomainException.unavailable("VIDEO_CATALOG_UNAVAILABLE",
                                "video metadata is unavailable; try again shortly", Duration.ofSeconds(5));
                    }
                    return Optional.of(video);
                });
    }
}
