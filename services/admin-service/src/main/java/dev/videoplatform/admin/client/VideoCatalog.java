package dev.videoplatform.admin.client;

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
 * upload-service's catalog, asked (as this service, whatever the video's visibility or status)
 * whether a video exists and whose it is. A second per call, a circuit breaker after a run of
 * failures, no retries. There is no degraded answer: when upload cannot say, moderation of the
 * video is UNAVAILABLE rather than acting on a video nobody vouched for.
 */
@ApplicationScoped
public class VideoCatalog {

    private static final Logger LOG = Logger.getLogger(VideoCatalog.class);

    private final VideoService videos;

    public VideoCatalog(@GrpcClient("upload") @RegisterClientInterceptor(ServiceCredentials.class) VideoService videos) {
        this.videos = videos;
    }

    /** The video, or empty when upload does not know it (or it is deleted). */
    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName("upload-video-service")
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Optional<Video>> find(String videoId) {
        return Lookup.optional(videos.getVideoForPlayback(GetVideoForPlaybackRequest.newBuilder().setVideoId(videoId).build()));
    }

    Uni<Optional<Video>> unavailable(String videoId, Throwable failure) {
        LOG.warnf("upload-service did not answer for video %s (%s)", videoId, failure.toString());
        return Uni.createFrom().failure(DomainException.unavailable("VIDEO_CATALOG_UNAVAILABLE",
                "the video catalog cannot be reached; try again shortly", Duration.ofSeconds(5)));
    }
}
