package dev.videoplatform.recommendation.service;

import dev.videoplatform.platform.cache.ChangeFeed;
import dev.videoplatform.platform.cache.ProtoCache;
import dev.videoplatform.recommendation.config.RecommendationConfig;
import dev.videoplatform.recommendation.v1.GetRelatedResponse;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * GetRelated: ranked, hydrated, and cached per video and page size in Redis and in memory
 * (degraded answers are not cached).
 */
@ApplicationScoped
public class RelatedVideos {

    private final RelatedRanking ranking;
    private final FeedCards cards;
    private final ProtoCache<GetRelatedResponse> cache;

    public RelatedVideos(RelatedRanking ranking, FeedCards cards, ReactiveRedisDataSource redis, ChangeFeed feed,
            RecommendationConfig config) {
        this.ranking = ranking;
        this.cards = cards;
        this.cache = new ProtoCache<>(redis, feed, config.caches().related(), config.caches().nearEntries(),
                "vp:reco:related:", config.caches().related(), GetRelatedResponse.parser());
    }

    @WithSpan
    public Uni<GetRelatedResponse> related(String videoId, int pageSize) {
        String key = videoId + ":" + pageSize;
        AtomicReference<GetRelatedResponse> degraded = new AtomicReference<>();
        return cache.getOrLoad(List.of(key), missing -> ranking.rank(videoId, pageSize)
                        .flatMap(ranked -> cards.cards(ranked.items()).map(hydrated -> {
                            GetRelatedResponse response = GetRelatedResponse.newBuilder().addAllItems(hydrated.items())
                                    .setDegraded(ranked.degraded() || hydrated.degraded()).build();
                            if (response.getDegraded()) {
                                degraded.set(response);
                                return Map.<String, GetRelatedResponse>of();
                            }
                            return Map.of(key, response);
                        })))
                .map(found -> found.getOrDefault(key, degraded.get()));
    }
}
