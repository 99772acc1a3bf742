package dev.videoplatform.recommendation.service;

import dev.videoplatform.recommendation.client.TrendingClient;
import dev.videoplatform.recommendation.config.RecommendationConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The trending list every feed and fill uses, asked of analytics at most once per replica per
 * cache period (15 s): a feed request must not cost a call to analytics. A fallback answer (the
 * last list seen) is not kept, so analytics is asked again on the next request.
 */
@ApplicationScoped
public class TrendingVideos {

    private record Held(TrendingClient.Trending trending, long untilNanos) {
    }

    private final TrendingClient client;
    private final long ttlNanos;
    private volatile Held held = new Held(new TrendingClient.Trending(java.util.List.of(), false), 0);

    public TrendingVideos(TrendingClient client, RecommendationConfig config) {
        this.client = client;
        this.ttlNanos = config.caches().trending().toNanos();
    }

    public Uni<TrendingClient.Trending> current() {
        Held now = held;
        if (now.trending().fresh() && System.nanoTime() - now.untilNanos() < 0) {
            return Uni.createFrom().item(now.trending());
        }
        return client.trending().invoke(trending -> {
            if (trending.fresh()) {
                held = new Held(trending, System.nanoTime() + ttlNanos);
            }
        });
    }
}
