package dev.videoplatform.recommendation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.events.v1.EventVideoStatus;
import dev.videoplatform.events.v1.EventVisibility;
import dev.videoplatform.recommendation.repository.CandidatePool;
import dev.videoplatform.recommendation.repository.CoVisitationStore;
import dev.videoplatform.recommendation.service.HomeFeedRanking;
import dev.videoplatform.recommendation.service.RelatedRanking;
import dev.videoplatform.recommendation.service.Scored;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Offline quality of the service's own ranking code on a generated watch log with planted
 * structure: communities of videos watched together (community sizes and video popularity
 * Zipf-skewed), 15 % of watches noise from the global popularity. Each viewer's last watch is held
 * out; GetRelated's ranking (seeded with the viewer's previous watch) and the home feed's ranking
 * are scored by recall@10 and NDCG@10 beside a most-popular baseline from the same training log.
 * The log goes in through the same store the analytics.events consumer writes with; the
 * trending source (analytics' contract) answers the same most-popular list the baseline uses.
 */
@QuarkusTest
class QualityEvaluationTest {

    private static final int COMMUNITIES = 20;
    private static final int VIDEOS_PER_COMMUNITY = 20;
    private static final int VIEWERS = 1000;
    private static final double NOISE = 0.15;
    private static final int K = 10;

    @Inject
    CoVisitationStore coVisitation;
    @Inject
    CandidatePool pool;
    @Inject
    RelatedRanking related;
    @Inject
    HomeFeedRanking home;

    @Test
    void coVisitationBeatsMostPopularByTwiceTheRecall() throws Exception {
        Random random = new Random(20261206);
        String run = Platform.id("q");
        List<List<String>> communities = new ArrayList<>();
        List<String> allVideos = new ArrayList<>();
        Instant published = Instant.now().minus(Duration.ofDays(60));
        for (int c = 0; c < COMMUNITIES; c++) {
            List<String> videos = new ArrayList<>();
            for (int v = 0; v < VIDEOS_PER_COMMUNITY; v++) {
                String id = run + "-" + c + "-" + v;
                videos.add(id);
                allVideos.add(id);
                pool.describe(id, published, new CandidatePool.Metadata(run + "-ch" + random.nextInt(100), "t", "", 1000,
                        published.toEpochMilli(), EventVisibility.EVENT_VISIBILITY_PUBLIC_VALUE,
                        EventVideoStatus.EVENT_VIDEO_STATUS_READY_VALUE, List.of())).await().indefinitely();
            }
            communities.add(videos);
        }
        double[] communityWeights = zipf(COMMUNITIES, 0.8);
        double[] videoWeights = zipf(VIDEOS_PER_COMMUNITY, 1.0);
        double[] globalWeights = new double[allVideos.size()];
        for (int c = 0; c < COMMUNITIES; c++) {
            for (int v = 0; v < VIDEOS_PER_COMMUNITY; v++) {
                globalWeights[c * VIDEOS_PER_COMMUNITY + v] = communityWeights[c] * videoWeights[v];
            }
        }

        Map<String, List<String>> logs = new HashMap<>();
        for (int u = 0; u < VIEWERS; u++) {
            int community = sample(random, communityWeights);
            int length = 5 + random.nextInt(6);
            Set<String> watched = new HashSet<>();
            List<String> log = new ArrayList<>();
            while (log.size() < length) {
                String video = random.nextDouble() < NOISE ? allVideos.get(sample(random, globalWeights))
                        : communities.get(community).get(sample(random, videoWeights));
                if (watched.add(video)) {
                    log.add(video);
                }
            }
            logs.put(run + "-u" + u, log);
        }

        // Training: every watch but each viewer's last, ten minutes apart, in one session window.
        Map<String, Integer> counts = new HashMap<>();
        Instant start = Instant.now().minus(Duration.ofDays(2));
        List<Uni<Boolean>> writes = new ArrayList<>();
        for (Map.Entry<String, List<String>> viewer : logs.entrySet()) {
            List<String> log = viewer.getValue();
            for (int i = 0; i < log.size() - 1; i++) {
                counts.merge(log.get(i), 1, Integer::sum);
                writes.add(coVisitation.record(Platform.id("view"), viewer.getKey(), log.get(i), start.plusSeconds(600L * i)));
                if (writes.size() == 200) {
                    Uni.join().all(writes).andFailFast().await().indefinitely();
                    writes.clear();
                }
            }
        }
        if (!writes.isEmpty()) {
            Uni.join().all(writes).andFailFast().await().indefinitely();
        }
        List<String> popular = counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).toList();
        ContractServers.TRENDING.clear();
        ContractServers.TRENDING.addAll(popular.subList(0, 50));

        Score relatedScore = new Score(), relatedBaseline = new Score(), homeScore = new Score(), homeBaseline = new Score();
        for (Map.Entry<String, List<String>> viewer : logs.entrySet()) {
            List<String> log = viewer.getValue();
            String heldOut = log.get(log.size() - 1);
            String seed = log.get(log.size() - 2);
            Set<String> seen = new HashSet<>(log.subList(0, log.size() - 1));

            relatedScore.add(ids(related.rank(seed, K).await().indefinitely().items()), heldOut);
            relatedBaseline.add(popular.stream().filter(id -> !id.equals(seed)).limit(K).toList(), heldOut);
            homeScore.add(ids(home.rank(viewer.getKey()).await().indefinitely().items()).stream().limit(K).toList(), heldOut);
            homeBaseline.add(popular.stream().filter(id -> !seen.contains(id)).limit(K).toList(), heldOut);
        }

        String report = String.format("""
                recommendation quality: %d viewers, %d videos in %d communities, %.0f %% noise, last watch held out
                | ranking | recall@10 | NDCG@10 |
                | --- | --- | --- |
                | GetRelated (seed: previous watch) | %.3f | %.3f |
                | most popular (excluding the seed) | %.3f | %.3f |
                | home feed | %.3f | %.3f |
                | most popular (excluding watched) | %.3f | %.3f |
                """, VIEWERS, allVideos.size(), COMMUNITIES, NOISE * 100,
                relatedScore.recall(), relatedScore.ndcg(), relatedBaseline.recall(), relatedBaseline.ndcg(),
                homeScore.recall(), homeScore.ndcg(), homeBaseline.recall(), homeBaseline.ndcg());
        System.out.println(report);
        Files.writeString(Path.of("target", "recommendation-quality.md"), report);
        assertTrue(relatedScore.recall() >= 2 * relatedBaseline.recall(), report);
        assertTrue(homeScore.recall() >= 2 * homeBaseline.recall(), report);
    }

    private static List<String> ids(List<Scored> ranked) {
        return ranked.stream().map(Scored::videoId).toList();
    }

    /** Weights 1 / rank^s. */
    private static double[] zipf(int n, double s) {
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 1 / Math.pow(i + 1, s);
        }
        return weights;
    }

    private static int sample(Random random, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double pick = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Recall@K and NDCG@K with one relevant item per query. */
    private static final class Score {
        private int queries;
        private int hits;
        private double gain;

        void add(List<String> top, String relevant) {
            queries++;
            int rank = top.indexOf(relevant);
            if (rank >= 0 && rank < K) {
                hits++;
                gain += 1 / (Math.log(rank + 2) / Math.log(2));
            }
        }

        double recall() {
            return hits / (double) queries;
        }

        double ndcg() {
            return gain / queries;
        }
    }
}
