package dev.videoplatform.comment;

import static dev.videoplatform.comment.CommentClient.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.comment.Platform.Member;
import dev.videoplatform.comment.v1.Comment;
import dev.videoplatform.comment.v1.ListCommentsRequest;
import dev.videoplatform.comment.v1.ListCommentsResponse;
import dev.videoplatform.events.v1.AdminUserReinstated;
import dev.videoplatform.events.v1.AdminUserSuspended;
import dev.videoplatform.events.v1.AdminVideoBanned;
import dev.videoplatform.events.v1.AdminVideoUnbanned;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.upload.v1.DeleteVideoRequest;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Admin's bans and suspensions and the catalog's deletions, as their events arrive. */
@QuarkusTest
class ModerationTest {

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
    void aBannedVideoListsNothingUntilItIsUnbanned() throws Exception {
        String video = Platform.readyVideo(owner, true);
        try (CommentClient a = CommentClient.as(alice)) {
            Comment comment = a.add(video, "before the ban");
            EventEnvelope ban = EventEnvelopes.wrap("admin-service", video, AdminVideoBanned.newBuilder().setVideoId(video)
                    .setChannelId(owner.userId()).setActorId("admin-1").setReason("spam").build());
            Platform.publish(ban);
            awaitList(a, video, r -> r.getCommentsCount() == 0);
            assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND", () -> a.add(video, "during the ban"));
            Platform.publish(EventEnvelopes.wrap("admin-service", video, AdminVideoUnbanned.newBuilder().setVideoId(video)
                    .setChannelId(owner.userId()).setActorId("admin-1").setReason("appeal").build()));
            ListCommentsResponse back = awaitList(a, video, r -> r.getCommentsCount() == 1);
            assertEquals(comment.getCommentId(), back.getComments(0).getCommentId());

            // The ban redelivered after the un-ban changes nothing. The poison record behind it (same
            // key, so same partition: handled after it) goes to the DLQ, and events behind it still apply.
            Platform.publish(ban);
            byte[] poison = ("not an event " + video).getBytes(StandardCharsets.UTF_8);
            Platform.topics().publish("admin.video.banned", video, poison);
            assertFalse(Platform.topics().collect("admin.video.banned.dlq", bytes -> Arrays.equals(bytes, poison),
                    Duration.ofSeconds(1), Duration.ofSeconds(20)).isEmpty(), "the poison record is not in the DLQ");
            assertEquals(1, a.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video).build()).getCommentsCount(),
                    "a redelivered ban undid the later un-ban");
            Platform.publish(EventEnvelopes.wrap("admin-service", video, AdminVideoBanned.newBuilder().setVideoId(video)
                    .setChannelId(owner.userId()).setActorId("admin-1").setReason("again").build()));
            awaitList(a, video, r -> r.getCommentsCount() == 0);
        }
    }

    @Test
    void aSuspendedAuthorsCommentsAreHiddenUntilReinstated() throws Exception {
        String video = Platform.readyVideo(owner, true);
        Member carol = Platform.register("Carol");
        try (CommentClient c = CommentClient.as(carol); CommentClient b = CommentClient.as(bob)) {
            Comment carols = c.add(video, "carol was here");
            Comment bobs = b.add(video, "bob was here");
            Platform.publish(EventEnvelopes.wrap("admin-service", carol.userId(), AdminUserSuspended.newBuilder()
                    .setUserId(carol.userId()).setActorId("admin-1").setReason("abuse").build()));
            ListCommentsResponse hidden = awaitList(b, video, r -> r.getCommentsCount() == 1);
            assertEquals(bobs.getCommentId(), hidden.getComments(0).getCommentId());
            Platform.publish(EventEnvelopes.wrap("admin-service", carol.userId(), AdminUserReinstated.newBuilder()
                    .setUserId(carol.userId()).setActorId("admin-1").setReason("appeal").build()));
            ListCommentsResponse shown = awaitList(b, video, r -> r.getCommentsCount() == 2);
            assertEquals(List.of(bobs.getCommentId(), carols.getCommentId()).stream().sorted().toList(),
                    ThreadsTest.ids(shown.getCommentsList()).stream().sorted().toList());
        }
    }

    @Test
    void aDeletedVideosThreadIsRemoved() throws Exception {
        String video = Platform.readyVideo(owner, true);
        try (CommentClient a = CommentClient.as(alice)) {
            a.add(video, "about to vanish");
            var channel = Platform.channel(PlatformServices.uploads.port());
            try {
                VideoServiceGrpc.newBlockingStub(channel).withCallCredentials(new BearerToken(owner.token()))
                        .deleteVideo(DeleteVideoRequest.newBuilder().setVideoId(video).build());
            } finally {
                channel.shutdownNow();
            }
            // (the count and the page are two reads: a list taken while the thread goes may mix them)
            ListCommentsResponse gone = awaitList(a, video, r -> r.getCommentsCount() == 0 && r.getTotalCount() == 0);
            assertTrue(gone.getNextPageToken().isEmpty());
            assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND", () -> a.add(video, "too late"));
        }
    }

    static ListCommentsResponse awaitList(CommentClient client, String video, Predicate<ListCommentsResponse> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        ListCommentsResponse last;
        do {
            last = client.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video).build());
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not within 30 s; last answer: " + last);
    }
}
