package dev.videoplatform.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.search.Catalog.Video;
import dev.videoplatform.search.config.SearchConfig;
import dev.videoplatform.search.repository.SearchCriteria;
import dev.videoplatform.search.repository.SearchCriteria.Cursor;
import dev.videoplatform.search.repository.SearchCriteria.Order;
import dev.videoplatform.search.repository.SearchHit;
import dev.videoplatform.search.repository.VideoSearchQueries;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Relevance ranks the most viewed matches (the ranked-matches limit), and date and view order take each page,
 * from the full-text index (rare queries) or by a walk in index order (common ones): both give the
 * same pages, when the walk finds enough and when it falls back to the index.
 */
@QuarkusTest
class MostViewedMatchesTest extends ClientTest {

    private static final int LIMIT = 5;
    private static final Instant NOW = Instant.now();

    @Inject
    Pool pool;

    @Inject
    SearchConfig config;

    @Test
    void theWalkInViewOrderAndTheFullTextIndexRankTheSameMatches() {
        String w = Catalog.word();
        String channel = "c-" + w;
        List<Video> videos = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            // Text rank, views and age all differ, so the score is not the view order; views far
            // above other tests' put these videos first in the walk.
            Video v = Video.of(i % 3 == 0 ? w + " " + w + " special" : "Special " + i, "about " + w + " number " + i)
                    .withPublishedAt(Instant.now().minus(i * 7L, ChronoUnit.DAYS)).withChannel(i < 3 ? channel : "other-" + w);
            Catalog.published(v);
            Catalog.viewCount(v, 1_000_000_000_000L + (i * 7919L) % 9 * 1000, Instant.now());
            videos.add(v);
        }
        Video last = videos.get(videos.size() - 1);
        client.awaitSearch(w, r -> r.getTotalSize() == 9 && SearchClient.ids(r).contains(last.id())
                && r.getResultsList().stream().allMatch(hit -> hit.getViewCount() >= 1_000_000_000_000L), 10_000);
        VideoSearchQueries queries = new VideoSearchQueries(pool, config.ranking(), LIMIT, LIMIT);

        for (Order order : Order.values()) {
            SearchCriteria all = criteria(w, null, order, null);
            // Nine matches, counted exactly below the limit only: from it on the total is estimated.
            assertTrue(queries.countMatches(all).await().atMost(Duration.ofSeconds(10)).total() >= LIMIT);
            List<SearchHit> walked = allPages(queries, all, true);
            assertEquals(order == Order.RELEVANCE ? LIMIT : videos.size(), walked.size(), order + ": every page");
            assertEquals(walked, allPages(queries, all, false), order.toString());

            // Three matches in the channel: the walk finds fewer than the limit and the index answers.
            SearchCriteria inChannel = criteria(w, channel, order, null);
            assertFalse(queries.countMatches(inChannel).await().atMost(Duration.ofSeconds(10)).common());
            List<SearchHit> fallen = allPages(queries, inChannel, true);
            assertEquals(3, fallen.size(), order.toString());
            assertEquals(fallen, allPages(queries, inChannel, false), order.toString());
            assertTrue(fallen.stream().allMatch(hit -> hit.channelId().equals(channel)));
        }
    }

    @Test
    void everyQueryIsPlannedForItsWordsAndScansFromTheFirstBlock() {
        // The count's estimate of how common a query is reads where its first matches lie (V4).
        for (String[] setting : new String[][] {{"plan_cache_mode", "force_custom_plan"}, {"synchronize_seqscans", "off"}}) {
            String value = pool.query("SHOW " + setting[0]).execute().await().atMost(Duration.ofSeconds(10))
                    .iterator().next().getString(0);
            assertEquals(setting[1], value, setting[0]);
        }
    }

    private static List<SearchHit> allPages(VideoSearchQueries queries, SearchCriteria first, boolean common) {
        List<SearchHit> hits = new ArrayList<>();
        SearchCriteria page = first;
        while (true) {
            List<SearchHit> found = queries.page(page, common).await().atMost(Duration.ofSeconds(10));
            hits.addAll(found);
            if (found.size() < page.limit()) {
                return hits;
            }
            SearchHit lastHit = found.get(found.size() - 1);
            page = criteria(first.query(), first.channelId(), first.order(),
                    new Cursor(VideoSearchQueries.key(lastHit, first.order()), lastHit.videoId()));
        }
    }

    /** Pages of two, so that paging and the walk's fallback on the last page are both reached. */
    private static SearchCriteria criteria(String query, String channelId, Order order, Cursor after) {
        return new SearchCriteria(query, null, null, null, null, channelId, order, NOW, 2, after);
    }
}
