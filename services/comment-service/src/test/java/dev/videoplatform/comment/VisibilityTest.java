package dev.videoplatform.comment;

import static dev.videoplatform.comment.CommentClient.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.FieldMask;
import dev.videoplatform.comment.Platform.Member;
import dev.videoplatform.comment.v1.Comment;
import dev.videoplatform.comment.v1.ListCommentsRequest;
import dev.videoplatform.comment.v1.ListRepliesRequest;
import dev.videoplatform.upload.v1.UpdateVideoRequest;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.Visibility;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A PRIVATE video's comments are read by its owner and admins only, as upload-service says. */
@QuarkusTest
class VisibilityTest {

    static Member owner;
    static Member alice;
    static Member admin;

    @BeforeAll
    static void platform() {
        owner = Platform.register("Owner");
        alice = Platform.register("Alice");
        admin = Platform.register("Moderator", "user", "admin");
    }

    @Test
    void aVideoTurnedPrivateHidesItsThreadFromAllButItsOwnerUntilPublicAgain() throws Exception {
        String video = Platform.readyVideo(owner, true);
        try (CommentClient a = CommentClient.as(alice); CommentClient o = CommentClient.as(owner);
                CommentClient m = CommentClient.as(admin); CommentClient anyone = CommentClient.anonymous()) {
            Comment top = a.add(video, "public for now");
            Comment reply = o.reply(video, top.getCommentId(), "thanks");
            setVisibility(video, Visibility.VISIBILITY_PRIVATE);

            awaitHidden(a, video, top);
            awaitHidden(anyone, video, top);
            assertEquals(List.of(top.getCommentId()), listed(o, video), "the owner still reads the thread");
            assertEquals(List.of(top.getCommentId()), listed(m, video), "an admin still reads the thread");
            assertEquals(List.of(reply.getCommentId()), ThreadsTest.ids(o.stub.listReplies(
                    ListRepliesRequest.newBuilder().setCommentId(top.getCommentId()).build()).getRepliesList()));
            assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND", () -> a.add(video, "let me in"));

            setVisibility(video, Visibility.VISIBILITY_PUBLIC);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (true) {
                try {
                    assertEquals(List.of(top.getCommentId()), listed(anyone, video));
                    break;
                } catch (StatusRuntimeException stillPrivate) {
                    if (System.nanoTime() > deadline) {
                        throw stillPrivate;
                    }
                    Thread.sleep(50);
                }
            }
            assertEquals(List.of(reply.getCommentId()), ThreadsTest.ids(a.stub.listReplies(
                    ListRepliesRequest.newBuilder().setCommentId(top.getCommentId()).build()).getRepliesList()));
        }
    }

    @Test
    void theOwnersCommentOnTheirPrivateVideoIsTheirsToRead() throws Exception {
        String video = Platform.readyVideo(owner, true);
        setVisibility(video, Visibility.VISIBILITY_PRIVATE);
        try (CommentClient o = CommentClient.as(owner); CommentClient a = CommentClient.as(alice)) {
            // The catalog's answer to this AddComment (PRIVATE) is what the new thread records.
            Comment note = o.add(video, "a note to self");
            assertEquals(List.of(note.getCommentId()), listed(o, video));
            assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND", () -> listed(a, video));
            assertStatus(Status.Code.NOT_FOUND, "COMMENT_NOT_FOUND", () -> a.stub.listReplies(
                    ListRepliesRequest.newBuilder().setCommentId(note.getCommentId()).build()));
        }
    }

    private static void awaitHidden(CommentClient client, String video, Comment top) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                listed(client, video);
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                    throw e;
                }
                assertStatus(Status.Code.NOT_FOUND, "COMMENT_NOT_FOUND", () -> client.stub.listReplies(
                        ListRepliesRequest.newBuilder().setCommentId(top.getCommentId()).build()));
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the PRIVATE video's comments are still listed after 30 s");
            }
            Thread.sleep(50);
        }
    }

    private static List<String> listed(CommentClient client, String video) {
        return ThreadsTest.ids(client.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video).build())
                .getCommentsList());
    }

    private static void setVisibility(String video, Visibility visibility) {
        var channel = Platform.channel(PlatformServices.uploads.port());
        try {
            VideoServiceGrpc.newBlockingStub(channel).withCallCredentials(new BearerToken(owner.token()))
                    .updateVideo(UpdateVideoRequest.newBuilder()
                            .setVideo(Video.newBuilder().setVideoId(video).setVisibility(visibility))
                            .setUpdateMask(FieldMask.newBuilder().addPaths("visibility")).build());
        } finally {
            channel.shutdownNow();
        }
    }
}
