package dev.videoplatform.search;

import static dev.videoplatform.search.SearchClient.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TestIdentityResource;
import dev.videoplatform.devstack.TestServiceIdentity;
import dev.videoplatform.search.v1.RebuildIndexRequest;
import dev.videoplatform.search.v1.RebuildIndexResponse;
import dev.videoplatform.search.v1.SearchAdminGrpc;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.Visibility;
import dev.videoplatform.user.v1.User;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * SearchAdmin.RebuildIndex against the real upload-service (the catalog) and user-service (the
 * channel names), run as processes: the model events built and the model a rebuild makes from an
 * emptied and corrupted table are the same, and a copy the walk read before a deletion cannot
 * bring the video back.
 */
@QuarkusTest
@TestProfile(RebuildTest.WithCatalog.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebuildTest extends ClientTest {

    public static class WithCatalog implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CatalogServicesResource.class), new TestResourceEntry(TestIdentityResource.class));
        }
    }

    /**
     * Everything a search can see, as text: the listed rows with their documents, the tombstones
     * and the channels of the test's channels ($1), and all suggestions and lexicon words.
     */
    private static final List<String> SNAPSHOT = List.of(
            "SELECT video_id, channel_id, channel_name, channel_username, title, description, tags::text, duration_ms,"
                    + " published_at::text, poster_url, view_count, document::text FROM video"
                    + " WHERE listed AND channel_id = ANY ($1) ORDER BY video_id",
            "SELECT video_id FROM video WHERE deleted AND channel_id = ANY ($1) ORDER BY video_id",
            "SELECT channel_id, username, display_name, version::text FROM channel WHERE channel_id = ANY ($1) ORDER BY channel_id",
            "SELECT phrase, display, video_count, views FROM suggestion WHERE $1::text[] IS NOT NULL ORDER BY phrase",
            "SELECT word, video_count FROM lexicon WHERE $1::text[] IS NOT NULL ORDER BY word");

    @Inject
    Pool pool;

    @Test
    void aRebuildOfAnEmptiedAndCorruptedModelEqualsTheModelEventsBuilt() throws Exception {
        sql("DELETE FROM video");
        sql("DELETE FROM channel");
        String aliceWord = Catalog.word();
        String bobWord = Catalog.word();
        String renamedWord = Catalog.word();
        List<String> channels = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            titles.add(Catalog.word());
        }
        try (CatalogServices services = new CatalogServices()) {
            User alice = services.register("Alice " + aliceWord);
            User bob = services.register("Bob " + bobWord);
            channels.add(alice.getUserId());
            channels.add(bob.getUserId());
            Video gone = services.ready(alice, Visibility.VISIBILITY_PUBLIC, "Gone " + titles.get(0), "deleted later", "music");
            Video edited = services.ready(alice, Visibility.VISIBILITY_PUBLIC, "Draft " + titles.get(1),
                    "Café au lait, accents and all", "cooking", "coffee");
            services.ready(alice, Visibility.VISIBILITY_PRIVATE, "Private " + titles.get(2), "never listed");
            Video bobs = services.ready(bob, Visibility.VISIBILITY_PUBLIC, "Guitar " + titles.get(3), "chords", "music");
            services.ready(bob, Visibility.VISIBILITY_UNLISTED, "Unlisted " + titles.get(4), "never listed");
            services.ready(bob, Visibility.VISIBILITY_PUBLIC, "Drums " + titles.get(5), "rhythm", "music", "drums");
            services.retitle(alice, edited, "Final " + titles.get(1));
            services.delete(alice, gone);
            services.rename(bob, "Bob " + renamedWord);

            client.awaitSearch("Final " + titles.get(1), r -> ids(r).equals(List.of(edited.getVideoId())), 20_000);
            client.awaitSearch(aliceWord, r -> ids(r).equals(List.of(edited.getVideoId())), 20_000);
            client.awaitSearch(renamedWord, r -> ids(r).size() == 2 && ids(r).contains(bobs.getVideoId()), 20_000);
            client.awaitSearch(titles.get(0), r -> ids(r).isEmpty(), 20_000);
            client.awaitSearch(bobWord, r -> ids(r).isEmpty(), 20_000);
        }
        List<List<String>> built = snapshot(channels);

        // Empty most of it, corrupt the rest: a wrong title, a lost channel, a video the catalog never had.
        sql("DELETE FROM video WHERE NOT (title LIKE 'Final %')");
        sql("UPDATE video SET title = 'garbage', channel_name = '' WHERE title LIKE 'Final %'");
        sql("DELETE FROM channel");
        String junkWord = Catalog.word();
        String junk = "v-junk-" + junkWord;
        sql("INSERT INTO video (video_id, channel_id, title, published_at, public, ready, content_version)"
                + " VALUES ('" + junk + "', 'nobody', 'Junk " + junkWord + "', now(), true, true, now() - interval '1 hour')");
        assertEquals(List.of(junk), ids(client.search(junkWord)));
        assertTrue(!built.equals(snapshot(channels)), "the model is damaged before the rebuild");

        RebuildIndexResponse rebuilt = rebuild();
        assertEquals(built, snapshot(channels), "the rebuilt model is the one events built");
        // A video the catalog does not have is removed (and cached answers retired within 200 ms).
        client.awaitSearch(junkWord, r -> ids(r).isEmpty(), 2_000);
        assertTrue(rebuilt.getVideosRead() >= 6 && rebuilt.getVideosApplied() >= 6 && rebuilt.getVideosRemoved() >= 1,
                rebuilt.toString());
        assertEquals(0, rebuilt.getChannelsUnnamed());

        // A second rebuild finds nothing to change.
        RebuildIndexResponse again = rebuild();
        assertEquals(0, again.getVideosApplied(), again.toString());
        assertEquals(built, snapshot(channels));
    }

    @Test
    void aCopyTheWalkReadBeforeADeletionDoesNotBringTheVideoBack() throws Exception {
        String word = Catalog.word();
        User owner;
        Video doomed;
        try (CatalogServices services = new CatalogServices()) {
            owner = services.register("Doomed " + Catalog.word());
            doomed = services.ready(owner, Visibility.VISIBILITY_PUBLIC, "Doomed " + word, "soon deleted");
            client.awaitSearch(word, r -> ids(r).equals(List.of(doomed.getVideoId())), 20_000);

            // Hold the channel's row: the walk reads its page (the video still READY), then waits
            // on that row before writing anything, while the deletion is consumed.
            SqlConnection holder = pool.getConnection().await().indefinitely();
            CompletableFuture<RebuildIndexResponse> running;
            try {
                holder.query("BEGIN").execute().await().indefinitely();
                holder.preparedQuery("SELECT 1 FROM channel WHERE channel_id = $1 FOR UPDATE")
                        .execute(Tuple.of(owner.getUserId())).await().indefinitely();
                running = CompletableFuture.supplyAsync(this::rebuild);
                awaitRebuildWaitingOnALock();
                services.delete(owner, doomed);
                awaitDeleted(doomed.getVideoId());
            } finally {
                holder.query("ROLLBACK").execute().await().indefinitely();
                holder.close().await().indefinitely();
            }
            running.get();
        }
        // Cached answers are retired within the change delay (200 ms) of the deletion.
        client.awaitSearch(word, r -> ids(r).isEmpty(), 2_000);
        assertEquals(List.of(true), rows("SELECT deleted FROM video WHERE video_id = $1", doomed.getVideoId()));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void withoutUserServiceTheRebuildKeepsTheNamesItHas() throws Exception {
        String name = Catalog.word();
        try (CatalogServices services = new CatalogServices()) {
            User owner = services.register("Kept " + name);
            Video video = services.ready(owner, Visibility.VISIBILITY_PUBLIC, "Kept " + Catalog.word(), "names stay");
            client.awaitSearch(name, r -> ids(r).equals(List.of(video.getVideoId())), 20_000);
        }
        // Last test of the class: user-service does not come back.
        CatalogServicesResource.users.kill();
        RebuildIndexResponse rebuilt = rebuild();
        assertTrue(rebuilt.getChannelsUnnamed() >= 1, rebuilt.toString());
        assertEquals(1, ids(client.search(name)).size(), "the channel's name stayed");
    }

    @Test
    void onlyServicesMayRebuild() {
        ManagedChannel channel = searchChannel();
        try {
            RebuildIndexRequest request = RebuildIndexRequest.getDefaultInstance();
            StatusRuntimeException anonymous = assertThrows(StatusRuntimeException.class,
                    () -> SearchAdminGrpc.newBlockingStub(channel).rebuildIndex(request));
            assertEquals(Status.Code.UNAUTHENTICATED, anonymous.getStatus().getCode());
            StatusRuntimeException admin = assertThrows(StatusRuntimeException.class,
                    () -> CatalogServices.bearer(SearchAdminGrpc.newBlockingStub(channel),
                            TestIdentity.shared().token("an-admin", Set.of("user", "admin"))).rebuildIndex(request));
            assertEquals(Status.Code.PERMISSION_DENIED, admin.getStatus().getCode());
        } finally {
            channel.shutdownNow();
        }
    }

    private RebuildIndexResponse rebuild() {
        ManagedChannel channel = searchChannel();
        try {
            return CatalogServices.bearer(SearchAdminGrpc.newBlockingStub(channel), TestServiceIdentity.token("ops-job", "search"))
                    .rebuildIndex(RebuildIndexRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow();
        }
    }

    private static ManagedChannel searchChannel() {
        return ManagedChannelBuilder.forAddress("127.0.0.1",
                ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class)).usePlaintext().build();
    }

    private void awaitRebuildWaitingOnALock() throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (rows("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                + " AND query LIKE '%channel%' AND $1 = 'waiting'", "waiting").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the rebuild never reached the held channel");
            Thread.sleep(20);
        }
    }

    private void awaitDeleted(String videoId) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!rows("SELECT deleted FROM video WHERE video_id = $1", videoId).equals(List.of(true))) {
            assertTrue(System.nanoTime() < deadline, "video.deleted was not consumed");
            Thread.sleep(20);
        }
    }

    private List<List<String>> snapshot(List<String> channels) {
        Tuple args = Tuple.tuple().addArrayOfString(channels.toArray(String[]::new));
        List<List<String>> tables = new ArrayList<>();
        for (String query : SNAPSHOT) {
            tables.add(StreamSupport.stream(pool.preparedQuery(query).execute(args).await().indefinitely().spliterator(), false)
                    .map(row -> row.toJson().encode()).toList());
        }
        return tables;
    }

    /** The first column of the rows {@code query} finds with its one text parameter. */
    private List<Object> rows(String query, String arg) {
        return StreamSupport.stream(pool.preparedQuery(query).execute(Tuple.of(arg)).await().indefinitely().spliterator(), false)
                .map(row -> row.getValue(0)).toList();
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().indefinitely();
    }
}
