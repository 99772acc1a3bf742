package dev.videoplatform.search;

import static dev.videoplatform.search.SearchClient.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.videoplatform.search.Catalog.Video;
import dev.videoplatform.search.v1.AutocompleteRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Completions of titles, tags and channel names, most viewed first, from the first character on. */
@QuarkusTest
class AutocompleteTest extends ClientTest {

    @Test
    void prefixesOfAnyLengthCompleteByPopularityAndForgetWhatLeavesTheIndex() {
        String w = Catalog.word();
        String popularTag = "Zq" + w.substring(2) + " Guitar";
        String quietTag = "Zq" + w.substring(2) + " Drums";
        Video popular = Video.of("Ünïcode " + w, "popular", popularTag);
        Video quiet = Video.of("Quiet " + w, "quiet", quietTag);
        Catalog.published(popular);
        Catalog.published(quiet);
        // Far more views than any other test gives a video, so it leads the one- and two-letter prefixes too.
        Catalog.viewCount(popular, 1_000_000_000_000L, Instant.now());
        Catalog.viewCount(quiet, 3, Instant.now());
        client.awaitSearch(w, r -> r.getResultsCount() == 2 && r.getResults(0).getViewCount() > 0
                && r.getResults(1).getViewCount() > 0, 10_000);

        assertEquals(List.of(popularTag, quietTag), complete(w + " ", 10));
        assertEquals(List.of(popularTag), complete(w + " G", 10));
        assertEquals(List.of(popularTag), complete("ZQ" + w.substring(2, 6).toUpperCase(), 1));
        assertEquals(popularTag, complete("z", 5).get(0));
        assertEquals(popularTag, complete("Zq", 5).get(0));
        assertEquals(List.of("Ünïcode " + w), complete("unico", 10).stream().filter(s -> s.endsWith(w)).toList());

        Catalog.banned(popular, Instant.now());
        client.awaitSearch(w, r -> !ids(r).contains(popular.id()), 10_000);
        assertEquals(List.of(quietTag), complete(w + " ", 10));
        assertFalse(complete("z", 10).contains(popularTag));
    }

    private List<String> complete(String prefix, int max) {
        return client.stub.autocomplete(AutocompleteRequest.newBuilder().setPrefix(prefix).setMaxSuggestions(max).build())
                .getSuggestionsList();
    }
}
