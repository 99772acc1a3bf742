package dev.videoplatform.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.comment.Platform.Member;
import dev.videoplatform.comment.v1.Comment;
import dev.videoplatform.comment.v1.CommentOrder;
import dev.videoplatform.comment.v1.DeleteCommentRequest;
import dev.videoplatform.comment.v1.ListCommentsRequest;
import dev.videoplatform.comment.v1.ListCommentsResponse;
import dev.videoplatform.comment.v1.Vote;
import dev.videoplatform.comment.v1.VoteCommentRequest;
import dev.videoplatform.comment.v1.VoteCommentResponse;
import dev.videoplatform.devstack.TestIdentity;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Votes and comment counts are exact and idempotent under concurrency; TOP and NEWEST orders and their pages. */
@QuarkusTest
class VotesAndOrderTest {

    static Member owner;
    static Member alice;

    @BeforeAll
    static void platform() {
        owner = Platform.register("Owner");
        alice = Platform.register("Alice");
    }

    @Test
    void fiftyConcurrentVotersAreCountedExactly() throws Exception {
        String video = Platform.readyVideo(owner, true);
        String commentId;
        try (CommentClient a = CommentClient.as(alice)) {
            commentId = a.add(video, "vote on me").getCommentId();
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try (CommentClient anyone = CommentClient.anonymous()) {
            List<CompletableFuture<Void>> voters = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                // voters 0–34 up, 35–49 down; each votes twice (a retry) and the first 10 up-voters change their mind
                Vote vote = i < 35 ? Vote.VOTE_UP : Vote.VOTE_DOWN;
                boolean changes = i < 10;
                String token = TestIdentity.shared().token("voter-" + UUID.randomUUID(), Set.of("user"));
                voters.add(CompletableFuture.runAsync(() -> {
                    var stub = anyone.stub.withCallCredentials(new BearerToken(token));
                    stub.voteComment(VoteCommentRequest.newBuilder().setCommentId(commentId).setVote(vote).build());
                    stub.voteComment(VoteCommentRequest.newBuilder().setCommentId(commentId).setVote(vote).build());
                    if (changes) {
                        stub.voteComment(VoteCommentRequest.newBuilder().setCommentId(commentId).setVote(Vote.VOTE_NONE).build());
                    }
                }, pool));
            }
            CompletableFuture.allOf(voters.toArray(CompletableFuture[]::new)).get();
            Comment counted = anyone.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video).build())
                    .getComments(0);
            assertEquals(25, counted.getUpVoteCount());
            assertEquals(15, counted.getDownVoteCount());
        } finally {
            pool.shutdownNow();
        }
        try (CommentClient a = CommentClient.as(alice)) {
            VoteCommentResponse up = a.stub.voteComment(VoteCommentRequest.newBuilder().setCommentId(commentId)
                    .setVote(Vote.VOTE_UP).build());
            assertEquals(26, up.getUpVoteCount());
            VoteCommentResponse down = a.stub.voteComment(VoteCommentRequest.newBuilder().setCommentId(commentId)
                    .setVote(Vote.VOTE_DOWN).build());
            assertEquals(25, down.getUpVoteCount());
            assertEquals(16, down.getDownVoteCount());
            assertEquals(Vote.VOTE_DOWN, a.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video).build())
                    .getComments(0).getViewerVote());
        }
    }

    @Test
    void concurrentWritersAndOneVotersRetriesKeepTheCountsExact() throws Exception {
        String video = Platform.readyVideo(owner, true);
        List<Member> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            writers.add(Platform.register("Writer " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (CommentClient anyone = CommentClient.anonymous()) {
            List<CompletableFuture<Comment>> adds = new ArrayList<>();
            for (Member writer : writers) {
                for (int n = 0; n < 5; n++) {
                    String text = writer.displayName() + " says " + n;
                    adds.add(CompletableFuture.supplyAsync(() -> {
                        try (CommentClient w = CommentClient.as(writer)) {
                            return w.add(video, text);
                        }
                    }, pool));
                }
            }
            List<Comment> added = new ArrayList<>();
            for (CompletableFuture<Comment> add : adds) {
                added.add(add.get());
            }
            assertEquals(40, anyone.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video).build())
                    .getTotalCount());

            // one voter's up-vote sent ten times at once (retries) counts once
            String commentId = added.get(0).getCommentId();
            var voter = anyone.stub.withCallCredentials(new BearerToken(
                    TestIdentity.shared().token("voter-" + UUID.randomUUID(), Set.of("user"))));
            List<CompletableFuture<VoteCommentResponse>> retries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                retries.add(CompletableFuture.supplyAsync(() -> voter.voteComment(VoteCommentRequest.newBuilder()
                        .setCommentId(commentId).setVote(Vote.VOTE_UP).build()), pool));
            }
            for (CompletableFuture<VoteCommentResponse> retry : retries) {
                assertEquals(1, retry.get().getUpVoteCount());
            }

            try (CommentClient w = CommentClient.as(writers.get(1))) {
                w.stub.deleteComment(DeleteCommentRequest.newBuilder().setCommentId(added.get(5).getCommentId()).build());
            }
            assertEquals(39, anyone.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video).build())
                    .getTotalCount());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void topRanksByConfidenceAndNewestByTime() throws Exception {
        String video = Platform.readyVideo(owner, true);
        try (CommentClient a = CommentClient.as(alice)) {
            Comment wellLiked = a.add(video, "liked by many");
            Comment disliked = a.add(video, "disliked");
            Comment oneLike = a.add(video, "one like");
            Comment quiet = a.add(video, "no votes");
            vote(wellLiked, Vote.VOTE_UP, 8);
            vote(disliked, Vote.VOTE_DOWN, 5);
            vote(oneLike, Vote.VOTE_UP, 1);
            List<String> top = ThreadsTest.ids(a.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video)
                    .setOrder(CommentOrder.COMMENT_ORDER_TOP).build()).getCommentsList());
            assertEquals(List.of(wellLiked.getCommentId(), oneLike.getCommentId(), quiet.getCommentId(),
                    disliked.getCommentId()), top);
            List<String> newest = ThreadsTest.ids(a.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video)
                    .setOrder(CommentOrder.COMMENT_ORDER_NEWEST).build()).getCommentsList());
            assertEquals(List.of(quiet.getCommentId(), oneLike.getCommentId(), disliked.getCommentId(),
                    wellLiked.getCommentId()), newest);
        }
    }

    @Test
    void pagesNeitherRepeatNorSkipWhileCommentsAreAdded() throws Exception {
        String video = Platform.readyVideo(owner, true);
        List<String> before = new ArrayList<>();
        try (CommentClient a = CommentClient.as(alice)) {
            for (int i = 0; i < 25; i++) {
                before.add(a.add(video, "comment " + i).getCommentId());
            }
            for (CommentOrder order : List.of(CommentOrder.COMMENT_ORDER_NEWEST, CommentOrder.COMMENT_ORDER_TOP)) {
                List<String> seen = new ArrayList<>();
                String token = "";
                int page = 0;
                do {
                    ListCommentsResponse response = a.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video)
                            .setOrder(order).setPageSize(7).setPageToken(token).build());
                    seen.addAll(ThreadsTest.ids(response.getCommentsList()));
                    token = response.getNextPageToken();
                    a.add(video, order + " added while paging " + page++);
                } while (!token.isEmpty());
                assertEquals(seen.size(), new HashSet<>(seen).size(), order + ": a comment came twice");
                assertTrue(seen.containsAll(before), order + ": a comment was skipped");
            }
        }
    }

    private static void vote(Comment comment, Vote vote, int voters) {
        try (CommentClient anyone = CommentClient.anonymous()) {
            for (int i = 0; i < voters; i++) {
                String token = TestIdentity.shared().token("voter-" + UUID.randomUUID(), Set.of("user"));
                anyone.stub.withCallCredentials(new BearerToken(token)).voteComment(VoteCommentRequest.newBuilder()
                        .setCommentId(comment.getCommentId()).setVote(vote).build());
            }
        }
    }
}
