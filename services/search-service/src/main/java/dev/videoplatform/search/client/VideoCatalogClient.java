package dev.videoplatform.search.client;

import dev.videoplatform.platform.auth.ServiceCredentials;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.upload.v1.ListCatalogVideosRequest;
import dev.videoplatform.upload.v1.ListCatalogVideosResponse;
import dev.videoplatform.upload.v1.VideoService;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * upload-service's catalog walk (internal ListCatalogVideos, with search's service token). Reading
 * a page changes nothing, so a failed read is retried; each try has 5 s, a run of failures opens
 * the circuit, and a page that cannot be read fails the rebuild as UNAVAILABLE.
 */
@ApplicationScoped
public class VideoCatalogClient {

    private static final Logger LOG = Logger.getLogger(VideoCatalogClient.class);

    private final VideoService videos;

    public VideoCatalogClient(@GrpcClient("upload") @RegisterClientInterceptor(ServiceCredentials.class) VideoService videos) {
        this.videos = videos;
    }

    @Timeout(5000)
    @Retry(maxRetries = 3, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName("upload-catalog")
    @Fallback(fallbackMethod = "unavailable")
    public Uni<ListCatalogVideosResponse> page(String pageToken, int pageSize) {
        return videos.listCatalogVideos(ListCatalogVideosRequest.newBuilder().setPageToken(pageToken)
                .setPageSize(pageSize).build());
    }

    Uni<ListCatalogVideosResponse> unavailable(String pageToken, int pageSize, Throwable failure) {
        LOG.warnf("upload-service did not give a catalog page (%s)", failure.toString());
        return Uni.createFrom().failure(DomainException.unavailable("CATALOG_UNAVAILABLE",
                "the catalog cannot be read now; try the rebuild again later", Duration.ofSeconds(30)));
    }
}
