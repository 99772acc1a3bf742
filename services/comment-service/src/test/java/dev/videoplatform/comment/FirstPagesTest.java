package dev.videoplatform.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import dev.videoplatform.comment.Platform.Member;
import dev.videoplatform.comment.config.CommentConfig;
import dev.videoplatform.comment.service.FirstPages;
import dev.videoplatform.comment.v1.Comment;
import dev.videoplatform.comment.v1.CommentOrder;
import dev.videoplatform.comment.v1.DeleteCommentRequest;
import dev.videoplatform.comment.v1.EditCommentRequest;
import dev.videoplatform.comment.v1.ListCommentsRequest;
import dev.videoplatform.comment.v1.ListCommentsResponse;
import dev.videoplatform.comment.v1.PinCommentRequest;
import dev.videoplatform.comment.v1.Vote;
import dev.videoplatform.comment.v1.VoteCommentRequest;
import dev.videoplatform.platform.cache.CacheConfig;
import dev.videoplatform.platform.cache.ChangeFeed;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared first page of ListComments: every write to the thread is seen by the very next read
 * (no stale page), on this replica and, through the change feed, on another one; readers arriving
 * while a page reloads are answered without queuing on the database.
 */
@QuarkusTest
class FirstPagesTest {

    @Inject
    FirstPages pages;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Vertx vertx;

    @Inject
    CacheConfig cacheConfig;

    @Inject
    CommentConfig config;

    static Member owner;
    static Member alice;
    static Member bob;

    @BeforeAll
    static void platform() {
        owner = Platform.register("Owner");
        alice = Platform.register("Alice");
        bob = Platform.register("Bob");
    }

    @Test
    void everyWriteToTheThreadIsOnTheNextFirstPage() throws Exception {
        String video = Platform.readyVideo(owner, true);
        try (CommentClient a = CommentClient.as(alice); CommentClient b = CommentClient.as(bob);
                CommentClient o = CommentClient.as(owner); CommentClient anyone = CommentClient.anonymous()) {
            Comment first = a.add(video, "first");
            long deadline = System.nanoTime() + 10_000_000_000L;
            do {
                assertEquals(List.of(first.getCommentId()), ThreadsTest.ids(firstPage(anyone, video).getCommentsList()));
            } while (pages.peek(FirstPages.key(video, false)) == null && System.nanoTime() < deadline);
            assertNotNull(pages.peek(FirstPages.key(video, false)), "the first page is not kept");

            Comment second = b.add(video, "second");
            ListCommentsResponse added = firstPage(anyone, video);
            assertEquals(2, added.getCommentsCount());
            assertEquals(2, added.getTotalCount());

            b.stub.voteComment(VoteCommentRequest.newBuilder().setCommentId(first.getCommentId()).setVote(Vote.VOTE_UP).build());
            Comment voted = find(firstPage(anyone, video), first);
            assertEquals(1, voted.getUpVoteCount());
            assertEquals(Vote.VOTE_NONE, voted.getViewerVote(), "the voter's vote is not on the shared page");
            assertEquals(Vote.VOTE_UP, find(firstPage(b, video), first).getViewerVote(), "the caller's own vote is added");
            assertEquals("Alice", find(firstPage(b, video), first).getAuthorDisplayName());

            a.stub.editComment(EditCommentRequest.newBuilder()
                    .setComment(Comment.newBuilder().setCommentId(first.getCommentId()).setText("first, edited"))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("text")).build());
            assertEquals("first, edited", find(firstPage(anyone, video), first).getText());

            b.reply(video, first.getCommentId(), "a reply");
            assertEquals(1, find(firstPage(anyone, video), first).getReplyCount());

            o.stub.pinComment(PinCommentRequest.newBuilder().setCommentId(second.getCommentId()).setPinned(true).build());
            Comment top = firstPage(anyone, video).getComments(0);
            assertEquals(second.getCommentId(), top.getCommentId());
            assertTrue(top.getPinned());

            b.stub.deleteComment(DeleteCommentRequest.newBuilder().setCommentId(second.getCommentId()).build());
            assertFalse(ThreadsTest.ids(firstPage(anyone, video).getCommentsList()).contains(second.getCommentId()));
            assertEquals(List.of(first.getCommentId()), ThreadsTest.ids(anyone.stub.listComments(ListCommentsRequest
                    .newBuilder().setVideoId(video).setOrder(CommentOrder.COMMENT_ORDER_NEWEST).build()).getCommentsList()));
        }
    }

    @Test
    void aWriteOnOneReplicaDropsThePageAnotherReplicaHoldsInMemory() throws Exception {
        String video = Platform.readyVideo(owner, true);
        String key = FirstPages.key(video, false);
        ChangeFeed replicaFeed = new ChangeFeed(redis, vertx, cacheConfig);
        try {
            FirstPages replica = new FirstPages(redis, replicaFeed, cacheConfig, config);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!replicaFeed.live() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(replicaFeed.live(), "the second replica's change feed did not start");
            try (CommentClient a = CommentClient.as(alice); CommentClient anyone = CommentClient.anonymous()) {
                a.add(video, "held in memory");
                // The second replica serves the same first page (what it loads is the first replica's answer).
                ListCommentsResponse answer = firstPage(anyone, video);
                ListCommentsResponse held = replica.getOrLoad(List.of(key), misses -> Uni.createFrom().item(Map.of(key, answer)))
                        .await().indefinitely().get(key);
                assertEquals(1, held.getCommentsCount());
                assertNotNull(replica.peek(key), "the second replica keeps the page in memory");

                a.add(video, "written through the first replica");
                long start = System.nanoTime();
                while (replica.peek(key) != null && System.nanoTime() - start < 1_000_000_000L) {
                    Thread.sleep(2);
                }
                assertNull(replica.peek(key), "the second replica still held the old page after a second");
                assertEquals(2, firstPage(anyone, video).getCommentsCount());
                ListCommentsResponse after = shared(replica, key);
                assertTrue(after == null || after.getCommentsCount() == 2, "the second replica read the old page: " + after);
            }
        } finally {
            replicaFeed.stop();
        }
    }

    /**
     * After a drop, one reader reloads the page and waits for it; readers that arrive meanwhile get
     * the previous load at once (the database is asked once), but only while that load is younger
     * than the configured bound; after that they wait for the reload too.
     */
    @Test
    void readersArrivingDuringAReloadGetThePreviousPageAndTheDatabaseIsAskedOnce() throws Exception {
        String video = UUID.randomUUID().toString();
        String key = FirstPages.key(video, false);
        AtomicInteger loads = new AtomicInteger();
        Supplier<Uni<Optional<ListCommentsResponse>>> notAsked = () -> {
            throw new AssertionError("a reader arriving during the reload asked the database");
        };
        assertEquals(page(1), pages.page(key, () -> {
            loads.incrementAndGet();
            return Uni.createFrom().item(Optional.of(page(1)));
        }).await().atMost(Duration.ofSeconds(5)).orElseThrow());

        pages.drop(video).await().indefinitely();
        CompletableFuture<Optional<ListCommentsResponse>> database = new CompletableFuture<>();
        CompletableFuture<Optional<ListCommentsResponse>> writersRead = pages.page(key, () -> {
            loads.incrementAndGet();
            return Uni.createFrom().completionStage(database);
        }).subscribeAsCompletionStage();
        assertFalse(writersRead.isDone(), "the reader that starts the reload waits for it");
        for (int i = 0; i < 10; i++) {
            assertEquals(page(1), pages.page(key, notAsked).await().atMost(Duration.ofSeconds(1)).orElseThrow(),
                    "a reader during the reload gets the previous page");
        }
        database.complete(Optional.of(page(2)));
        assertEquals(page(2), writersRead.get(5, TimeUnit.SECONDS).orElseThrow());
        assertEquals(2, loads.get(), "the database was asked once per load");

        pages.drop(video).await().indefinitely();
        Thread.sleep(config.firstPageStaleWhileReloading().toMillis() + 100);
        CompletableFuture<Optional<ListCommentsResponse>> slow = new CompletableFuture<>();
        CompletableFuture<Optional<ListCommentsResponse>> first = pages.page(key,
                () -> Uni.createFrom().completionStage(slow)).subscribeAsCompletionStage();
        CompletableFuture<Optional<ListCommentsResponse>> second = pages.page(key, notAsked).subscribeAsCompletionStage();
        assertFalse(second.isDone(), "a previous load older than the bound is not served: the reader waits");
        slow.complete(Optional.of(page(3)));
        assertEquals(page(3), first.get(5, TimeUnit.SECONDS).orElseThrow());
        assertEquals(page(3), second.get(5, TimeUnit.SECONDS).orElseThrow(), "and gets the reload's page");
    }

    private static ListCommentsResponse page(int total) {
        return ListCommentsResponse.newBuilder().setTotalCount(total).build();
    }

    /** The page as the replica has it (memory or Redis), null if neither has it. */
    private static ListCommentsResponse shared(FirstPages replica, String key) {
        return replica.getOrLoad(List.of(key), none -> Uni.createFrom().item(Map.<String, ListCommentsResponse>of()))
                .await().indefinitely().get(key);
    }

    private static ListCommentsResponse firstPage(CommentClient client, String video) {
        return client.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video).build());
    }

    private static Comment find(ListCommentsResponse page, Comment wanted) {
        return page.getCommentsList().stream().filter(c -> c.getCommentId().equals(wanted.getCommentId())).findFirst()
                .orElseThrow(() -> new AssertionError(wanted.getCommentId() + " not on the page " + page));
    }
}
