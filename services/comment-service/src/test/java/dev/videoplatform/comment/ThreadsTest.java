package dev.videoplatform.comment;

import static dev.videoplatform.comment.CommentClient.assertStatus;
import static dev.videoplatform.comment.CommentClient.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import dev.videoplatform.comment.Platform.Member;
import dev.videoplatform.comment.v1.AddCommentRequest;
import dev.videoplatform.comment.v1.Comment;
import dev.videoplatform.comment.v1.DeleteCommentRequest;
import dev.videoplatform.comment.v1.EditCommentRequest;
import dev.videoplatform.comment.v1.ListCommentsRequest;
import dev.videoplatform.comment.v1.ListRepliesRequest;
import dev.videoplatform.comment.v1.PinCommentRequest;
import dev.videoplatform.comment.v1.VoteCommentRequest;
import dev.videoplatform.comment.v1.Vote;
import dev.videoplatform.events.v1.CommentCreated;
import dev.videoplatform.platform.events.EventEnvelopes;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Comments and replies on real videos: threads, rights, retries, the spam guard and comment.created. */
@QuarkusTest
class ThreadsTest {

    static Member owner;
    static Member alice;
    static Member bob;
    static Member admin;
    static String video;

    @BeforeAll
    static void platform() throws Exception {
        owner = Platform.register("Video Owner");
        alice = Platform.register("Alice");
        bob = Platform.register("Bob");
        admin = Platform.register("Moderator", "user", "admin");
        video = Platform.readyVideo(owner, true);
    }

    @Test
    void aReplyToAReplyJoinsTheThreadAndRecordsWhomItAnswers() {
        try (CommentClient a = CommentClient.as(alice); CommentClient b = CommentClient.as(bob)) {
            Comment top = a.add(video, "  First!  ");
            assertEquals("First!", top.getText());
            assertEquals("Alice", top.getAuthorDisplayName());
            assertFalse(top.getAuthorUnavailable());
            Comment reply = b.reply(video, top.getCommentId(), "hello alice " + UUID.randomUUID());
            Comment replyToReply = a.reply(video, reply.getCommentId(), "hi bob " + UUID.randomUUID());
            assertEquals(top.getCommentId(), replyToReply.getParentCommentId());
            assertEquals(bob.userId(), replyToReply.getReplyToAuthorId());
            assertEquals("Bob", replyToReply.getReplyToAuthorDisplayName());

            var replies = a.stub.listReplies(ListRepliesRequest.newBuilder().setCommentId(top.getCommentId()).build());
            assertEquals(List.of(reply.getCommentId(), replyToReply.getCommentId()),
                    replies.getRepliesList().stream().map(Comment::getCommentId).toList(), "oldest first");
            Comment listedTop = a.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video).build())
                    .getCommentsList().stream().filter(c -> c.getCommentId().equals(top.getCommentId())).findFirst().orElseThrow();
            assertEquals(2, listedTop.getReplyCount());
        }
    }

    @Test
    void onlyTheAuthorEditsAndTheEditIsMarked() {
        try (CommentClient a = CommentClient.as(alice); CommentClient o = CommentClient.as(owner)) {
            Comment c = a.add(video, "typo hree " + UUID.randomUUID());
            EditCommentRequest edit = EditCommentRequest.newBuilder()
                    .setComment(Comment.newBuilder().setCommentId(c.getCommentId()).setText("typo here"))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("text")).build();
            assertStatus(Status.Code.PERMISSION_DENIED, "NOT_AUTHOR", () -> o.stub.editComment(edit));
            Comment edited = a.stub.editComment(edit).getComment();
            assertEquals("typo here", edited.getText());
            assertTrue(edited.getEdited());
            assertTrue(edited.getUpdateTime().getSeconds() >= edited.getCreateTime().getSeconds());
            assertEquals(List.of("update_mask"), violatedFields(() -> a.stub.editComment(edit.toBuilder()
                    .setUpdateMask(FieldMask.newBuilder().addPaths("author_id")).build())));
        }
    }

    @Test
    void theAuthorTheOwnerAndAnAdminMayDeleteAStrangerMayNot() {
        try (CommentClient a = CommentClient.as(alice); CommentClient b = CommentClient.as(bob);
                CommentClient o = CommentClient.as(owner); CommentClient m = CommentClient.as(admin)) {
            Comment byAuthor = a.add(video, "delete me myself " + UUID.randomUUID());
            Comment byOwner = a.add(video, "owner deletes " + UUID.randomUUID());
            Comment byAdmin = a.add(video, "admin deletes " + UUID.randomUUID());
            assertStatus(Status.Code.PERMISSION_DENIED, "NOT_ALLOWED",
                    () -> b.stub.deleteComment(DeleteCommentRequest.newBuilder().setCommentId(byAuthor.getCommentId()).build()));
            a.stub.deleteComment(DeleteCommentRequest.newBuilder().setCommentId(byAuthor.getCommentId()).build());
            o.stub.deleteComment(DeleteCommentRequest.newBuilder().setCommentId(byOwner.getCommentId()).build());
            m.stub.deleteComment(DeleteCommentRequest.newBuilder().setCommentId(byAdmin.getCommentId()).build());
            assertStatus(Status.Code.NOT_FOUND, "COMMENT_NOT_FOUND",
                    () -> a.stub.deleteComment(DeleteCommentRequest.newBuilder().setCommentId(byAuthor.getCommentId()).build()));
            List<String> listed = ids(a.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video).setPageSize(100)
                    .build()).getCommentsList());
            assertFalse(listed.contains(byAuthor.getCommentId()) || listed.contains(byOwner.getCommentId())
                    || listed.contains(byAdmin.getCommentId()), "deleted comments without replies are not listed");
        }
    }

    @Test
    void aDeletedCommentWithRepliesStaysAsATombstone() {
        try (CommentClient a = CommentClient.as(alice); CommentClient b = CommentClient.as(bob)) {
            Comment top = a.add(video, "soon gone " + UUID.randomUUID());
            b.reply(video, top.getCommentId(), "but I answered " + UUID.randomUUID());
            assertTrue(a.stub.deleteComment(DeleteCommentRequest.newBuilder().setCommentId(top.getCommentId()).build())
                    .getTombstoned());
            Comment tombstone = a.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video).setPageSize(100)
                    .build()).getCommentsList().stream().filter(c -> c.getCommentId().equals(top.getCommentId()))
                    .findFirst().orElseThrow();
            assertTrue(tombstone.getDeleted());
            assertEquals("", tombstone.getText());
            assertEquals(1, tombstone.getReplyCount());
        }
    }

    @Test
    void aRetryWithTheSameRequestIdCreatesOnceAndTheSameTextTwiceIsRefused() {
        try (CommentClient a = CommentClient.as(alice)) {
            AddCommentRequest request = AddCommentRequest.newBuilder().setVideoId(video)
                    .setText("retried " + UUID.randomUUID()).setRequestId(UUID.randomUUID().toString()).build();
            Comment first = a.stub.addComment(request).getComment();
            Comment retried = a.stub.addComment(request).getComment();
            assertEquals(first.getCommentId(), retried.getCommentId());
            assertStatus(Status.Code.ALREADY_EXISTS, "DUPLICATE_COMMENT",
                    () -> a.stub.addComment(request.toBuilder().setRequestId(UUID.randomUUID().toString()).build()));
        }
    }

    @Test
    void badInputIsInvalidArgumentWithEveryField() {
        try (CommentClient a = CommentClient.as(alice)) {
            assertEquals(List.of("video_id", "text", "parent_comment_id"), violatedFields(() -> a.stub.addComment(
                    AddCommentRequest.newBuilder().setText("   ").setParentCommentId("not-an-id").build())));
            assertEquals(List.of("text"), violatedFields(() -> a.add(video, "x".repeat(10_001))));
            assertEquals(List.of("vote"), violatedFields(() -> a.stub.voteComment(VoteCommentRequest.newBuilder()
                    .setCommentId(UUID.randomUUID().toString()).build())));
            assertEquals(List.of("page_size"), violatedFields(() -> a.stub.listComments(ListCommentsRequest.newBuilder()
                    .setVideoId(video).setPageSize(-1).build())));
            assertEquals(List.of("page_token"), violatedFields(() -> a.stub.listComments(ListCommentsRequest.newBuilder()
                    .setVideoId(video).setPageToken("forged").build())));
            assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND", () -> a.add("no-such-video", "hello"));
            assertStatus(Status.Code.UNAUTHENTICATED, null, () -> CommentClient.anonymous().add(video, "who am I"));
        }
    }

    @Test
    void aVideoWithCommentsOffRefusesNewOnes() throws Exception {
        String closed = Platform.readyVideo(owner, false);
        try (CommentClient a = CommentClient.as(alice)) {
            assertStatus(Status.Code.FAILED_PRECONDITION, "COMMENTS_DISABLED", () -> a.add(closed, "let me in"));
        }
    }

    @Test
    void theOwnersPinComesFirstAndTheirLikeShows() {
        String text = "pin me " + UUID.randomUUID();
        try (CommentClient a = CommentClient.as(alice); CommentClient b = CommentClient.as(bob);
                CommentClient o = CommentClient.as(owner)) {
            Comment pinned = a.add(video, text);
            b.add(video, "newer " + UUID.randomUUID());
            assertStatus(Status.Code.PERMISSION_DENIED, "NOT_VIDEO_OWNER", () -> b.stub.pinComment(
                    PinCommentRequest.newBuilder().setCommentId(pinned.getCommentId()).setPinned(true).build()));
            o.stub.pinComment(PinCommentRequest.newBuilder().setCommentId(pinned.getCommentId()).setPinned(true).build());
            o.stub.voteComment(VoteCommentRequest.newBuilder().setCommentId(pinned.getCommentId()).setVote(Vote.VOTE_UP).build());
            Comment first = CommentClient.anonymous().stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video)
                    .build()).getComments(0);
            assertEquals(pinned.getCommentId(), first.getCommentId());
            assertTrue(first.getPinned());
            assertTrue(first.getLikedByOwner());
            assertEquals(Vote.VOTE_NONE, first.getViewerVote());
            o.stub.pinComment(PinCommentRequest.newBuilder().setCommentId(pinned.getCommentId()).setPinned(false).build());
        }
    }

    @Test
    void commentCreatedIsSentExactlyOncePerCommentRetriesIncluded() throws Exception {
        try (CommentClient a = CommentClient.as(alice); CommentClient b = CommentClient.as(bob)) {
            // Three concurrent attempts of one AddComment (a client retrying on a timeout), then a late retry.
            AddCommentRequest once = AddCommentRequest.newBuilder().setVideoId(video)
                    .setText("notify the owner " + UUID.randomUUID()).setRequestId(UUID.randomUUID().toString()).build();
            List<CompletableFuture<Comment>> attempts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                attempts.add(CompletableFuture.supplyAsync(() -> a.stub.addComment(once).getComment()));
            }
            Comment top = attempts.get(0).get(30, TimeUnit.SECONDS);
            for (CompletableFuture<Comment> attempt : attempts) {
                assertEquals(top.getCommentId(), attempt.get(30, TimeUnit.SECONDS).getCommentId());
            }
            assertEquals(top.getCommentId(), a.stub.addComment(once).getComment().getCommentId());
            Comment reply = b.reply(video, top.getCommentId(), "notify alice " + UUID.randomUUID());
            List<CommentCreated> events = Platform.topics().collect("comment.created", bytes -> {
                        CommentCreated e = EventEnvelopes.payload(EventEnvelopes.parse(bytes), CommentCreated.class);
                        return e.getCommentId().equals(top.getCommentId()) || e.getCommentId().equals(reply.getCommentId());
                    }, Duration.ofSeconds(2), Duration.ofSeconds(30)).stream()
                    .map(bytes -> EventEnvelopes.payload(EventEnvelopes.parse(bytes), CommentCreated.class)).toList();
            assertEquals(2, events.size(), events.toString());
            CommentCreated replied = events.stream().filter(e -> e.getCommentId().equals(reply.getCommentId())).findFirst()
                    .orElseThrow();
            assertEquals(owner.userId(), replied.getVideoChannelId());
            assertEquals(alice.userId(), replied.getParentAuthorId());
            assertEquals("Bob", replied.getAuthorDisplayName());
        }
    }

    static List<String> ids(List<Comment> comments) {
        return comments.stream().map(Comment::getCommentId).toList();
    }

}
