package dev.videoplatform.comment;

import static dev.videoplatform.comment.CommentClient.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.comment.Platform.Member;
import dev.videoplatform.comment.v1.Comment;
import dev.videoplatform.comment.v1.ListCommentsRequest;
import dev.videoplatform.comment.v1.ListCommentsResponse;
import dev.videoplatform.events.v1.UserUpdated;
import dev.videoplatform.platform.events.EventEnvelopes;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With user-service and then upload-service killed, lists are still served (names missing and
 * marked author_unavailable) and writes that need the catalog are refused with UNAVAILABLE. Runs
 * on its own service processes (its own profile), since it kills them.
 */
@QuarkusTest
@TestProfile(OutageTest.OwnProcesses.class)
class OutageTest {

    /** A profile of its own, so that this class gets fresh user- and upload-service processes. */
    public static class OwnProcesses implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("videoplatform.comment.video-cache-ttl", "60s");
        }
    }

    @Test
    void listsGoOnWithoutUserServiceAndWritesStopWithoutUploadService() throws Exception {
        Member owner = Platform.register("Owner");
        Member alice = Platform.register("Alice");
        Member bob = Platform.register("Bob");
        String video = Platform.readyVideo(owner, true);
        String untouched = Platform.readyVideo(owner, true);
        try (CommentClient a = CommentClient.as(alice); CommentClient b = CommentClient.as(bob)) {
            Comment alices = a.add(video, "named while user-service is up");
            b.add(video, "bob too");

            PlatformServices.users.kill();
            // Alice renames herself as user-service would announce it: her cached name is dropped.
            Platform.publish(EventEnvelopes.wrap("user-service", alice.userId(), UserUpdated.newBuilder()
                    .setUserId(alice.userId()).setDisplayName("Alice Renamed").addChangedFields("display_name").build()));
            ListCommentsResponse listed = ModerationTest.awaitList(b, video, r -> r.getCommentsList().stream()
                    .anyMatch(Comment::getAuthorUnavailable));
            Comment unnamed = listed.getCommentsList().stream().filter(c -> c.getCommentId().equals(alices.getCommentId()))
                    .findFirst().orElseThrow();
            assertTrue(unnamed.getAuthorUnavailable());
            assertEquals("", unnamed.getAuthorDisplayName());
            assertEquals(alice.userId(), unnamed.getAuthorId());
            Comment named = listed.getCommentsList().stream().filter(c -> c.getAuthorId().equals(bob.userId()))
                    .findFirst().orElseThrow();
            assertFalse(named.getAuthorUnavailable(), "a cached name is still shown");
            assertEquals("Bob", named.getAuthorDisplayName());

            PlatformServices.uploads.kill();
            assertStatus(Status.Code.UNAVAILABLE, "VIDEO_CATALOG_UNAVAILABLE", () -> b.add(untouched, "nobody can check"));
            assertEquals(2, b.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video).build())
                    .getCommentsCount(), "reads go on without upload-service");
        }
    }
}
