package dev.videoplatform.recommendation.service;

import dev.videoplatform.recommendation.repository.CandidatePool;
import dev.videoplatform.recommendation.repository.CoVisitationStore;
import dev.videoplatform.recommendation.v1.FeedReason;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Videos related to one video, best first: watched together with it (co-visits normalised by both
 * videos' popularity, so a merely popular video does not relate to everything), then, while too
 * few are known (cold start), newest videos of the same channel and of shared tags, then trending.
 * Only eligible videos (PUBLIC, READY, not banned or deleted), never the video itself.
 */
@ApplicationScoped
public class RelatedRanking {

    private static final int MAX_TAGS = 5;

    private final CoVisitationStore coVisitation;
    private final CandidatePool pool;
    private final TrendingVideos trending;

    public RelatedRanking(CoVisitationStore coVisitation, CandidatePool pool, TrendingVideos trending) {
        this.coVisitation = coVisitation;
        this.pool = pool;
        this.trending = trending;
    }

    /**
     * Relatedness of y to x (Davidson et al. 2010): c_xy / f(c_x, c_y) with f the geometric mean
     * of the two popularities; 0 when either is unknown.
     */
    public static double relatedness(double coVisits, double popularityX, double popularityY) {
        return popularityX <= 0 || popularityY <= 0 ? 0 : coVisits / Math.sqrt(popularityX * popularityY);
    }

    /** Eligible videos watched together with {@code videoId}, by relatedness (not capped). */
    public Uni<Map<String, Double>> watchedTogether(String videoId) {
        return coVisitation.neighbours(videoId).flatMap(found -> {
            Map<String, Double> scores = new LinkedHashMap<>();
            found.getValue().stream()
                    .filter(n -> !n.videoId().equals(videoId))
                    .map(n -> Map.entry(n.videoId(), relatedness(n.coVisits(), found.getKey(), n.popularity())))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> scores.put(e.getKey(), e.getValue()));
            return pool.eligible(List.copyOf(scores.keySet())).map(eligible -> {
                Map<String, Double> kept = new LinkedHashMap<>();
                eligible.forEach(id -> kept.put(id, scores.get(id)));
                return kept;
            });
        });
    }

    @WithSpan
    public Uni<Ranked> rank(String videoId, int size) {
        return watchedTogether(videoId).flatMap(together -> {
            Fill fill = new Fill(videoId, size);
            together.forEach((id, score) -> fill.add(id, FeedReason.FEED_REASON_WATCHED_TOGETHER, score));
            if (fill.full()) {
                return Uni.createFrom().item(new Ranked(fill.items(), false));
            }
            return pool.placement(videoId).flatMap(placement -> {
                if (placement.isEmpty()) {
                    return Uni.createFrom().item(fill);
                }
                Uni<Map<String, Double>> channel = pool.channelUploads(placement.get().channelId(), Instant.EPOCH, size + 1);
                List<Uni<Map<String, Double>>> tags = placement.get().tags().stream().limit(MAX_TAGS)
                        .map(tag -> pool.taggedWith(tag, size + 1)).toList();
                return channel.flatMap(sameChannel -> {
                    sameChannel.keySet().forEach(id -> fill.add(id, FeedReason.FEED_REASON_SAME_CHANNEL, 0));
                    if (tags.isEmpty()) {
                        return Uni.createFrom().item(fill);
                    }
                    return Uni.join().all(tags).andFailFast().map(tagged -> {
                        sharedTagOrder(tagged).forEach(id -> fill.add(id, FeedReason.FEED_REASON_SHARED_TAGS, 0));
                        return fill;
                    });
                });
            }).flatMap(filled -> filled.full() ? Uni.createFrom().item(new Ranked(filled.items(), false))
                    : trending.current().flatMap(list -> pool.eligible(list.videoIds()).map(eligible -> {
                        eligible.forEach(id -> filled.add(id, FeedReason.FEED_REASON_TRENDING, 0));
                        return new Ranked(filled.items(), !list.fresh());
                    })));
        });
    }

    /** Videos sharing the most tags first, then the newest. */
    private static List<String> sharedTagOrder(List<Map<String, Double>> tagged) {
        Map<String, double[]> counts = new LinkedHashMap<>();
        for (Map<String, Double> videos : tagged) {
            videos.forEach((id, published) -> {
                double[] entry = counts.computeIfAbsent(id, k -> new double[] {0, published});
                entry[0]++;
            });
        }
        List<String> ids = new ArrayList<>(counts.keySet());
        ids.sort(Comparator.<String>comparingDouble(id -> -counts.get(id)[0]).thenComparingDouble(id -> -counts.get(id)[1]));
        return ids;
    }

    /**
     * The list being filled: first come, first kept; a fill's score is half the one before it, so
     * scores fall along the list whatever the source.
     */
    private static final class Fill {
        private final String exclude;
        private final int size;
        private final Map<String, Scored> items = new LinkedHashMap<>();
        private double last = 1;

        Fill(String exclude, int size) {
            this.exclude = exclude;
            this.size = size;
        }

        void add(String videoId, FeedReason reason, double score) {
            if (full() || videoId.equals(exclude) || items.containsKey(videoId)) {
                return;
            }
            double kept = score > 0 ? score : last / 2;
            last = kept;
            items.put(videoId, new Scored(videoId, reason, kept));
        }

        boolean full() {
            return items.size() >= size;
        }

        List<Scored> items() {
            return List.copyOf(items.values());
        }
    }
}
