package dev.videoplatform.search;

import static dev.videoplatform.search.SearchClient.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.search.Catalog.Video;
import dev.videoplatform.search.v1.AutocompleteRequest;
import dev.videoplatform.search.v1.SearchResponse;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Hot queries are answered from the cache, and the cache follows the read model: any change to
 * the listed videos retires the cached answers within moments, a view count only when it moves a
 * video noticeably; Autocomplete answers asked for lately are loaded again ahead of their readers. The title is changed behind the service's back (in its database, with no
 * event) to tell a cached answer from a computed one.
 */
@QuarkusTest
class HotQueriesTest extends ClientTest {

    @Inject
    Pool database;

    @Inject
    RedisDataSource redis;

    @Test
    void cachedAnswersLastUntilTheListedVideosChangeNoticeably() {
        String w = Catalog.word();
        Video video = Video.of("Cached " + w, "hot query");
        Catalog.published(video);
        Catalog.viewCount(video, 1000, Instant.now());
        client.awaitSearch(w, r -> ids(r).contains(video.id()) && r.getResults(0).getViewCount() == 1000, 10_000);
        SearchClient.sleep(500); // past the change delay: the generation has settled
        client.search(w);
        assertFalse(redis.key().keys("search:results:*").isEmpty(), "a first page is cached in Redis");

        renameBehindTheServicesBack(video, "Renamed quietly " + w);
        assertEquals("Cached " + w, client.search(w).getResults(0).getTitle(), "served from the cache");

        // A small change of the view count keeps the cached answers ...
        Catalog.viewCount(video, 1001, Instant.now());
        awaitViewCount(video, 1001);
        SearchClient.sleep(500);
        assertEquals("Cached " + w, client.search(w).getResults(0).getTitle(), "a small count change retired the cache");
        // ... a large one retires them, and so does every change of what is listed.
        Catalog.viewCount(video, 5000, Instant.now());
        SearchResponse recomputed = client.awaitSearch(w, r -> r.getResultsCount() == 1
                && r.getResults(0).getTitle().equals("Renamed quietly " + w), 2_000);
        assertEquals(5000, recomputed.getResults(0).getViewCount());

        long banned = System.nanoTime();
        Catalog.banned(video, Instant.now());
        client.awaitSearch(w, r -> !ids(r).contains(video.id()), 2_000);
        long millis = (System.nanoTime() - banned) / 1_000_000;
        assertTrue(millis < 2_000, "a banned video left the cached answers after " + millis + " ms");
    }

    @Test
    void autocompleteAnswersAreCachedAndRetiredLikeSearches() {
        String w = Catalog.word();
        Video video = Video.of(w + " unboxing", "completions");
        Catalog.published(video);
        AutocompleteRequest request = AutocompleteRequest.newBuilder().setPrefix(w.substring(0, 8)).build();
        client.awaitCompletion(request, r -> r.getSuggestionsList().contains(w + " unboxing"), 10_000);
        SearchClient.sleep(500);
        client.complete(request);
        assertFalse(redis.key().keys("search:completions:*").isEmpty(), "completions are cached in Redis");

        Catalog.deleted(video, Instant.now());
        client.awaitCompletion(request, r -> !r.getSuggestionsList().contains(w + " unboxing"), 2_000);
    }

    @Test
    void recentAutocompleteAnswersAreLoadedAgainAheadOfTheirReaders() throws Exception {
        String w = Catalog.word();
        Catalog.published(Video.of(w + " ahead", "completions"));
        AutocompleteRequest request = AutocompleteRequest.newBuilder().setPrefix(w.substring(0, 8)).build();
        client.awaitCompletion(request, r -> r.getSuggestionsList().contains(w + " ahead"), 10_000);
        SearchClient.sleep(500); // past the change delay: the generation has settled
        client.complete(request);
        long asked = generation();

        // Another video changes the listed ones: a new generation, and nobody asks for the prefix.
        Catalog.published(Video.of(Catalog.word() + " elsewhere", "another video"));
        // The answer as the service keys it: the trimmed prefix and the default number of suggestions.
        String digest = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(request.toBuilder().setMaxSuggestions(5).build().toByteArray()));
        long deadline = System.nanoTime() + 3_000_000_000L;
        long now = asked;
        while (System.nanoTime() < deadline && (now == asked || !redis.key().exists("search:completions:" + now + ":" + digest))) {
            SearchClient.sleep(10);
            now = generation();
        }
        assertTrue(now > asked, "the generation was not raised");
        assertTrue(redis.key().exists("search:completions:" + now + ":" + digest),
                "the answer was not loaded under generation " + now + " before anyone asked");
        assertTrue(client.complete(request).getSuggestionsList().contains(w + " ahead"));
    }

    private long generation() {
        Long value = redis.value(Long.class).get("search:generation");
        return value == null ? 0 : value;
    }

    private void renameBehindTheServicesBack(Video video, String title) {
        database.preparedQuery("UPDATE video SET title = $1 WHERE video_id = $2")
                .executeAndAwait(Tuple.of(title, video.id()));
    }

    private void awaitViewCount(Video video, long views) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Long found = database.preparedQuery("SELECT view_count FROM video WHERE video_id = $1")
                    .executeAndAwait(Tuple.of(video.id())).iterator().next().getLong(0);
            if (found == views) {
                return;
            }
            SearchClient.sleep(20);
        }
        throw new AssertionError("view count " + views + " not applied within 10 s");
    }
}
