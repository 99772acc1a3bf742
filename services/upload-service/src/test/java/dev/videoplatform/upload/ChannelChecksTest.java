package dev.videoplatform.upload;

import static dev.videoplatform.upload.UploadClient.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.UserServiceResource;
import dev.videoplatform.upload.v1.InitiateUploadRequest;
import dev.videoplatform.upload.v1.ListChannelVideosRequest;
import dev.videoplatform.upload.v1.Visibility;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Channel checks against the real user-service, and what happens when it is gone. */
@QuarkusTest
@TestProfile(ChannelChecksTest.WithUserService.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChannelChecksTest {

    public static class WithUserService implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(UserServiceResource.class));
        }
    }

    private static String registeredUser() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", UserServiceResource.users().port()).usePlaintext().build();
        try {
            String name = "chan" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            return UserServiceGrpc.newBlockingStub(channel).register(RegisterRequest.newBuilder().setUsername(name)
                    .setEmail(name + "@example.com").setPassword("a long password 1").build()).getUser().getUserId();
        } finally {
            channel.shutdownNow();
        }
    }

    private static InitiateUploadRequest upload() {
        return InitiateUploadRequest.newBuilder().setTitle("channel check").setSizeBytes(1000).setContentType("video/mp4")
                .setVisibility(Visibility.VISIBILITY_PUBLIC).build();
    }

    @Test
    @Order(1)
    void aChannelWithoutVideosIsEmptyAndAnUnknownOneIsNotFound() {
        String owner = registeredUser();
        try (UploadClient stranger = UploadClient.newUser()) {
            assertEquals(0, stranger.videos().listChannelVideos(ListChannelVideosRequest.newBuilder().setChannelId(owner).build())
                    .getVideosCount());
            assertStatus(Status.Code.NOT_FOUND, "CHANNEL_NOT_FOUND", () -> stranger.videos().listChannelVideos(
                    ListChannelVideosRequest.newBuilder().setChannelId("no-such-channel-" + UUID.randomUUID()).build()));
        }
    }

    @Test
    @Order(2)
    void onlyAnExistingAccountMayUpload() {
        try (UploadClient registered = new UploadClient(registeredUser(), Set.of("user"));
                UploadClient ghost = UploadClient.newUser()) {
            assertEquals(36, registered.uploads().initiateUpload(upload()).getUploadId().length());
            assertStatus(Status.Code.PERMISSION_DENIED, "CHANNEL_NOT_FOUND", () -> ghost.uploads().initiateUpload(upload()));
        }
    }

    @Test
    @Order(3)
    void withoutUserServiceTheChecksStepAsideInsteadOfFailing() throws Exception {
        UserServiceResource.users().kill();
        try (UploadClient ghost = UploadClient.newUser()) {
            for (int i = 0; i < 4; i++) {
                assertEquals(0, ghost.videos().listChannelVideos(ListChannelVideosRequest.newBuilder()
                        .setChannelId("no-such-channel-" + UUID.randomUUID()).build()).getVideosCount());
            }
            assertEquals(36, ghost.uploads().initiateUpload(upload()).getUploadId().length());
        }
        // Still ready (it serves), and saying why it is degraded.
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        var health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertTrue(health.body().matches("(?s).*\"user-service\"\\s*:\\s*\"OPEN\".*"),
                health.body());
    }
}
