package dev.videoplatform.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videoplatform.comment.v1.Comment;
import dev.videoplatform.comment.v1.ListCommentsRequest;
import dev.videoplatform.devstack.PackagedService;
import dev.videoplatform.events.v1.CommentCreated;
import dev.videoplatform.platform.events.EventEnvelopes;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service (the jar here, the native executable in CI's native job) on the devstack,
 * beside the real user- and upload-service: a comment added and listed over gRPC (the author's
 * name from user-service), comment.created out on Kafka, health and metrics.
 */
@QuarkusIntegrationTest
class PackagedCommentServiceIT {

    private final PackagedService service = new PackagedService();

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void aCommentIsListedAndAnnounced() throws Exception {
        Platform.Member owner = Platform.register("Owner");
        Platform.Member alice = Platform.register("Alice");
        String video = Platform.readyVideo(owner, true);
        try (CommentClient a = CommentClient.as(alice); CommentClient anonymous = CommentClient.anonymous()) {
            Comment added = a.add(video, "packaged " + UUID.randomUUID());
            Comment listed = anonymous.stub.listComments(ListCommentsRequest.newBuilder().setVideoId(video).build())
                    .getComments(0);
            assertEquals(added.getCommentId(), listed.getCommentId());
            assertEquals("Alice", listed.getAuthorDisplayName());

            CommentCreated created = Platform.topics().collect("comment.created", bytes -> EventEnvelopes
                            .payload(EventEnvelopes.parse(bytes), CommentCreated.class).getCommentId().equals(added.getCommentId()),
                    Duration.ofMillis(100), Duration.ofSeconds(20)).stream()
                    .map(bytes -> EventEnvelopes.payload(EventEnvelopes.parse(bytes), CommentCreated.class))
                    .findFirst().orElseThrow(() -> new AssertionError("no comment.created"));
            assertEquals(owner.userId(), created.getVideoChannelId());
        }
        service.assertRpcTimed("AddComment");
    }

    @Test
    void isReady() {
        service.assertReady();
    }
}
