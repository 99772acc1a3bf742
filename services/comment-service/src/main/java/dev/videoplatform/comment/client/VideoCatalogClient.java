package dev.videoplatform.comment.client;

import dev.videoplatform.platform.auth.ServiceCredentials;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.grpc.Lookup;
import dev.videoplatform.upload.v1.GetVideoForPlaybackRequest;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoService;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * upload-service's VideoService as the judge of whether a video may be commented on, asked as
 * this service (any visibility or status; {@code CommentableVideos} applies the rules). A
 * second at most per call, a circuit breaker after a run of failures, no retries; when upload
 * cannot answer, the fallback refuses with UNAVAILABLE (comments are never added unchecked).
 */
@ApplicationScoped
public class VideoCatalogClient {

    private static final Logger LOG = Logger.getLogger(VideoCatalogClient.class);

    private final VideoService videos;

    public VideoCatalogClient(@GrpcClient("upload") @RegisterClientInterceptor(ServiceCredentials.class) VideoService videos) {
        this.videos = videos;
    }

    /** The video whatever its visibility or status; empty when unknown or deleted. */
    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName("upload-video-service")
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Optional<Video>> find(String videoId) {
        return Lookup.optional(videos.getVideoForPlayback(GetVideoForPlaybackRequest.newBuilder().setVideoId(videoId).build()));
    }

    Uni<Optional<Video>> unavailable(String videoId, Throwable failure) {
        LOG.warnf("upload-service did not answer for %s (%s); refusing the write", videoId, failure.toString());
        return Uni.createFrom().failure(DomainException.unavailable("VIDEO_CATALOG_UNAVAILABLE",
                "the video catalog is unavailable; try again shortly", Duration.ofSeconds(5)));
    }
}
