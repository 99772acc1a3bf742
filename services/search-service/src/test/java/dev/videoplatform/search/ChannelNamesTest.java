package dev.videoplatform.search;

import static dev.videoplatform.search.SearchClient.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.search.Catalog.Video;
import dev.videoplatform.search.v1.AutocompleteRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Channel names come from user-service's user.updated: a video is found by its channel's display
 * name and username whichever arrived first, a rename re-indexes the channel's videos (search,
 * autocomplete, "did you mean"), and a late profile never rolls a name back.
 */
@QuarkusTest
class ChannelNamesTest extends ClientTest {

    @Test
    void aVideoIsFoundByItsChannelsNamesWhicheverEventCameFirst() {
        String named = Catalog.word();
        String handle = Catalog.word();
        String channelFirst = "c-" + UUID.randomUUID();
        Catalog.profile(channelFirst, handle, "Studio " + named, Instant.now());
        awaitChannelNamed(channelFirst, named);
        Video early = Video.of("Lesson " + Catalog.word(), "no names here").withChannel(channelFirst);
        Catalog.published(early);
        client.awaitSearch(named, r -> ids(r).equals(List.of(early.id())), 10_000);
        client.awaitSearch(handle, r -> ids(r).equals(List.of(early.id())), 10_000);

        String later = Catalog.word();
        Video late = Video.of("Another " + Catalog.word(), "nothing").withChannel("c-" + UUID.randomUUID());
        Catalog.published(late);
        client.awaitSearch(late.title().split(" ")[1], r -> ids(r).contains(late.id()), 10_000);
        assertFalse(ids(client.search(later)).contains(late.id()));
        Catalog.profile(late.channelId(), Catalog.word(), "Later " + later, Instant.now());
        client.awaitSearch(later, r -> ids(r).equals(List.of(late.id())), 10_000);
        assertEquals(List.of("Later " + later), complete("Later " + later.substring(0, 6)));
    }

    @Test
    void aRenameReindexesTheChannelAndALateProfileCannotRollItBack() {
        String channel = "c-" + UUID.randomUUID();
        String handle = Catalog.word();
        String first = Catalog.word();
        String second = Catalog.word();
        String third = Catalog.word();
        Instant t0 = Instant.now().minusSeconds(60);
        Catalog.profile(channel, handle, "Chef " + first, t0);
        Video a = Video.of("Soup " + Catalog.word(), "a").withChannel(channel);
        Video b = Video.of("Bread " + Catalog.word(), "b").withChannel(channel);
        Catalog.published(a);
        Catalog.published(b);
        client.awaitSearch(first, r -> ids(r).size() == 2, 10_000);

        Catalog.profile(channel, handle, "Chef " + second, t0.plusSeconds(2));
        client.awaitSearch(second, r -> ids(r).size() == 2, 10_000);
        client.awaitSearch(first, r -> ids(r).isEmpty(), 10_000);
        assertEquals(List.of("Chef " + second), complete("Chef " + second.substring(0, 8)));
        assertTrue(complete("Chef " + first.substring(0, 8)).isEmpty(), "the old name left autocomplete");
        // One letter off the new name: "did you mean" knows it (the lexicon followed the rename).
        String typo = second.substring(0, 6) + (second.charAt(6) == 'a' ? 'b' : 'a') + second.substring(7);
        assertEquals(second, client.search(typo).getSuggestedQuery());

        // An older profile arrives late, then a newer one behind it on the same key: once the
        // newer shows, the late one was consumed, and must have changed nothing.
        Catalog.profile(channel, handle, "Chef " + first, t0.plusSeconds(1));
        Catalog.profile(channel, handle, "Chef " + third, t0.plusSeconds(3));
        client.awaitSearch(third, r -> ids(r).size() == 2, 10_000);
        // A cached answer of "second" may outlive the change by up to the retire delay (≤ 200 ms);
        // once it is retired, every answer below is computed after the late profile.
        client.awaitSearch(second, r -> ids(r).isEmpty(), 10_000);
        assertTrue(ids(client.search(first)).isEmpty(), "a late profile brought the old name back");
        client.awaitSearch(handle, r -> ids(r).size() == 2, 10_000);
    }

    /**
     * Waits until the channel's profile was applied (profiles and videos travel on different
     * topics): a probe video of the channel is found by the name {@code word} then, and is removed.
     */
    private void awaitChannelNamed(String channelId, String word) {
        Video probe = Video.of("Probe " + Catalog.word(), "probe").withChannel(channelId);
        Catalog.published(probe);
        client.awaitSearch(word, r -> ids(r).contains(probe.id()), 10_000);
        Catalog.deleted(probe, Instant.now());
        client.awaitSearch(word, r -> ids(r).isEmpty(), 10_000);
    }

    private List<String> complete(String prefix) {
        return client.stub.autocomplete(AutocompleteRequest.newBuilder().setPrefix(prefix).setMaxSuggestions(10).build())
                .getSuggestionsList();
    }
}
