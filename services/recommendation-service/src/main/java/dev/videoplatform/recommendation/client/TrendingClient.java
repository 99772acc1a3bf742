package dev.videoplatform.recommendation.client;

import dev.videoplatform.analytics.v1.AnalyticsService;
import dev.videoplatform.analytics.v1.GetTrendingRequest;
import dev.videoplatform.analytics.v1.GetTrendingResponse;
import dev.videoplatform.analytics.v1.TrendingWindow;
import dev.videoplatform.platform.auth.ServiceCredentials;
import dev.videoplatform.platform.cache.ProtoCache;
import dev.videoplatform.recommendation.config.RecommendationConfig;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * analytics-service's GetTrending (a day's window): 400 ms per attempt, one jittered retry (a read
 * is idempotent), a circuit breaker; every answer is also kept in Redis for a week, and when
 * analytics cannot answer that last list is the fallback, marked as not fresh.
 */
@ApplicationScoped
public class TrendingClient {

    private static final Logger LOG = Logger.getLogger(TrendingClient.class);
    private static final String LAST = "day";

    /** Trending video ids, best first, and whether analytics answered (false: the last list seen). */
    public record Trending(List<String> videoIds, boolean fresh) {
    }

    private final AnalyticsService analytics;
    private final ProtoCache<GetTrendingResponse> lastKnown;
    private final int size;

    public TrendingClient(@GrpcClient("analytics") @RegisterClientInterceptor(ServiceCredentials.class) AnalyticsService analytics,
            ReactiveRedisDataSource redis, RecommendationConfig config) {
        this.analytics = analytics;
        this.lastKnown = new ProtoCache<>(redis, "vp:reco:trending:", config.caches().trendingFallback(), GetTrendingResponse.parser());
        this.size = config.feed().trendingSize();
    }

    @Timeout(400)
    @Retry(maxRetries = 1, delay = 50, jitter = 25)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName("analytics-trending")
    @Fallback(fallbackMethod = "lastSeen")
    public Uni<Trending> trending() {
        return analytics.getTrending(GetTrendingRequest.newBuilder().setWindow(TrendingWindow.TRENDING_WINDOW_DAY)
                        .setPageSize(size).build())
                .call(response -> lastKnown.replace(LAST, response))
                .map(response -> new Trending(ids(response), true));
    }

    Uni<Trending> lastSeen(Throwable failure) {
        LOG.warnf("analytics-service did not answer GetTrending (%s); using the last list seen", failure.toString());
        return lastKnown.getOrLoad(List.of(LAST), missing -> Uni.createFrom().item(java.util.Map.of()))
                .map(found -> new Trending(found.containsKey(LAST) ? ids(found.get(LAST)) : List.of(), false));
    }

    private static List<String> ids(GetTrendingResponse response) {
        return response.getVideosList().stream().map(video -> video.getVideoId()).toList();
    }
}
