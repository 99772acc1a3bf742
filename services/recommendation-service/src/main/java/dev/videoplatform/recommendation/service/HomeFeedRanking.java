package dev.videoplatform.recommendation.service;

import dev.videoplatform.recommendation.client.SubscriptionDirectory;
import dev.videoplatform.recommendation.client.TrendingClient;
import dev.videoplatform.recommendation.config.RecommendationConfig;
import dev.videoplatform.recommendation.repository.CandidatePool;
import dev.videoplatform.recommendation.repository.CoVisitationStore;
import dev.videoplatform.recommendation.repository.SubscriptionStore;
import dev.videoplatform.recommendation.v1.FeedReason;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A viewer's home feed, ranked: three sources, each scored in [0, 1] and weighted (config) —
 * new uploads of subscribed channels (newer is better), videos watched together with the
 * viewer's recent history (relatedness summed over the history, recent views counting more), and
 * trending (by rank). A video's score is the weighted sum, its reason the largest part. Watched
 * and ineligible videos are dropped. Anonymous viewers get trending only. Subscriptions are kept
 * from user-service's events and reconciled with user-service when unknown or stale.
 */
@ApplicationScoped
public class HomeFeedRanking {

    private static final Duration UPLOAD_HALF_LIFE = Duration.ofDays(3);

    private final CoVisitationStore coVisitation;
    private final SubscriptionStore subscriptions;
    private final SubscriptionDirectory directory;
    private final CandidatePool pool;
    private final RelatedRanking related;
    private final TrendingVideos trending;
    private final RecommendationConfig.Feed config;

    public HomeFeedRanking(CoVisitationStore coVisitation, SubscriptionStore subscriptions, SubscriptionDirectory directory,
            CandidatePool pool, RelatedRanking related, TrendingVideos trending, RecommendationConfig config) {
        this.coVisitation = coVisitation;
        this.subscriptions = subscriptions;
        this.directory = directory;
        this.pool = pool;
        this.related = related;
        this.trending = trending;
        this.config = config.feed();
    }

    @WithSpan
    public Uni<Ranked> rank(String viewerId) {
        Uni<TrendingClient.Trending> popular = trending.current();
        if (viewerId == null) {
            return popular.flatMap(list -> blend(Map.of(), Map.of(), list, Set.of(), false));
        }
        return Uni.combine().all().unis(coVisitation.watched(viewerId), subscribedChannels(viewerId), popular)
                .asTuple().flatMap(sources -> {
                    List<String> watched = sources.getItem1();
                    SubscriptionDirectory.Subscriptions subscribed = sources.getItem2();
                    return Uni.combine().all().unis(subscriptionScores(subscribed.channelIds()),
                                    watchedTogetherScores(watched.subList(0, Math.min(config.historySeeds(), watched.size()))))
                            .asTuple().flatMap(scores -> blend(scores.getItem1(), scores.getItem2(), sources.getItem3(),
                                    new HashSet<>(watched), subscribed.degraded()));
                });
    }

    /** The kept subscriptions while recently reconciled, else user-service's (which reconciles them). */
    private Uni<SubscriptionDirectory.Subscriptions> subscribedChannels(String viewerId) {
        return subscriptions.reconciledRecently(viewerId).flatMap(recent -> recent
                ? subscriptions.channels(viewerId).map(channels -> new SubscriptionDirectory.Subscriptions(channels, false))
                : directory.reconcile(viewerId));
    }

    /** New uploads of subscribed channels: 1 for one published now, halving every three days. */
    private Uni<Map<String, Double>> subscriptionScores(List<String> channels) {
        if (channels.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Instant now = Instant.now();
        List<Uni<Map<String, Double>>> uploads = channels.stream().map(channel -> pool.channelUploads(channel,
                now.minus(config.uploadsMaxAge()), config.uploadsPerChannel())).toList();
        return Uni.join().all(uploads).andFailFast().map(perChannel -> {
            Map<String, Double> scores = new HashMap<>();
            for (Map<String, Double> videos : perChannel) {
                videos.forEach((id, publishedMillis) -> scores.put(id, Math.pow(2,
                        -Math.max(0, now.toEpochMilli() - publishedMillis) / (double) UPLOAD_HALF_LIFE.toMillis())));
            }
            return scores;
        });
    }

    /** Relatedness to the recent history (the i-th most recent view weighs 1 / (i + 1)), scaled to a maximum of 1. */
    public Uni<Map<String, Double>> watchedTogetherScores(List<String> recentHistory) {
        if (recentHistory.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<Map<String, Double>>> neighbours = recentHistory.stream().map(related::watchedTogether).toList();
        return Uni.join().all(neighbours).andFailFast().map(perSeed -> {
            Map<String, Double> sums = new HashMap<>();
            for (int i = 0; i < perSeed.size(); i++) {
                double seedWeight = 1.0 / (i + 1);
                perSeed.get(i).forEach((id, score) -> sums.merge(id, seedWeight * score, Double::sum));
            }
            double max = sums.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
            sums.replaceAll((id, sum) -> sum / max);
            return sums;
        });
    }

    private Uni<Ranked> blend(Map<String, Double> subscribed, Map<String, Double> together, TrendingClient.Trending popular,
            Set<String> watched, boolean subscriptionsMissing) {
        Map<String, EnumMap<FeedReason, Double>> parts = new HashMap<>();
        subscribed.forEach((id, s) -> part(parts, id, FeedReason.FEED_REASON_SUBSCRIPTION, config.subscriptionWeight() * s));
        together.forEach((id, s) -> part(parts, id, FeedReason.FEED_REASON_WATCHED_TOGETHER, config.watchedTogetherWeight() * s));
        List<String> ranks = popular.videoIds();
        for (int i = 0; i < ranks.size(); i++) {
            part(parts, ranks.get(i), FeedReason.FEED_REASON_TRENDING, config.trendingWeight() * (1 - i / (double) (ranks.size() + 1)));
        }
        watched.forEach(parts::remove);
        List<Scored> scored = new ArrayList<>(parts.size());
        parts.forEach((id, byReason) -> {
            FeedReason reason = byReason.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            scored.add(new Scored(id, reason, byReason.values().stream().mapToDouble(Double::doubleValue).sum()));
        });
        scored.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score()) : a.videoId().compareTo(b.videoId()));
        List<Scored> best = scored.subList(0, Math.min(scored.size(), config.snapshotSize() * 2));
        return pool.eligible(best.stream().map(Scored::videoId).toList()).map(eligible -> {
            Set<String> keep = new HashSet<>(eligible);
            List<Scored> kept = best.stream().filter(s -> keep.contains(s.videoId())).limit(config.snapshotSize()).toList();
            return new Ranked(kept, !popular.fresh() || subscriptionsMissing);
        });
    }

    private static void part(Map<String, EnumMap<FeedReason, Double>> parts, String id, FeedReason reason, double score) {
        parts.computeIfAbsent(id, k -> new EnumMap<>(FeedReason.class)).merge(reason, score, Double::sum);
    }
}
