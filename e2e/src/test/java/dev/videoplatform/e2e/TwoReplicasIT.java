package dev.videoplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TestServiceIdentity;
import dev.videoplatform.upload.v1.CompleteUploadRequest;
import dev.videoplatform.upload.v1.GetVideoRequest;
import dev.videoplatform.upload.v1.InitiateUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.UpdateVideoRequest;
import dev.videoplatform.upload.v1.UploadServiceGrpc;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.Visibility;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of upload-service on one devstack, as a Deployment with two pods runs them: each
 * keeps hot videos in memory, yet a change made through one is what the other answers within a
 * second; and one user's read budget is one budget, whichever replica the calls reach.
 */
class TwoReplicasIT {

    private static final Path WORK = Path.of("target", "e2e-replicas").toAbsolutePath();
    /** The read budget of these replicas: small, so that a test can spend it. */
    private static final int READ_BUDGET = 40;
    private static final List<ServiceProcess> REPLICAS = new ArrayList<>();
    private static final List<ManagedChannel> CHANNELS = new ArrayList<>();

    @BeforeAll
    static void startReplicas() throws Exception {
        DevstackSettings stack = Devstack.shared().settings();
        Devstack.shared().createDatabase("videos");
        Map<String, String> config = new HashMap<>(Map.of("kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "quarkus.redis.hosts", stack.redisUrl(),
                "videoplatform.blob.root", Files.createDirectories(WORK.resolve("blobs")).toString(),
                "videoplatform.page-token.secret", "e2e-page-secret",
                "videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl(),
                "videoplatform.service-identity.key", TestServiceIdentity.key(),
                "videoplatform.upload.url-secret", "e2e-url-secret",
                "videoplatform.rate-limit.read-requests", Integer.toString(READ_BUDGET),
                "videoplatform.rate-limit.read-window", "5s"));
        config.putAll(stack.quarkusConfig("videos"));
        // No user-service here: nothing listens on port 1, so the channel checks step aside.
        config.put("quarkus.grpc.clients.user.host", "127.0.0.1");
        config.put("quarkus.grpc.clients.user.port", "1");
        for (String replica : List.of("a", "b")) {
            ServiceProcess process = ServiceProcess.start(Path.of("..", "services", "upload-service", "target", "quarkus-app",
                    "quarkus-run.jar"), config, WORK.resolve("upload-service-" + replica + ".log"));
            REPLICAS.add(process);
            CHANNELS.add(ManagedChannelBuilder.forAddress("127.0.0.1", process.port()).usePlaintext().build());
        }
    }

    @AfterAll
    static void stopReplicas() {
        CHANNELS.forEach(ManagedChannel::shutdownNow);
        REPLICAS.forEach(ServiceProcess::close);
    }

    @Test
    void aTitleChangedThroughOneReplicaIsWhatTheOtherAnswersWithinASecond() throws Exception {
        String token = TestIdentity.shared().token("user-" + UUID.randomUUID(), Set.of("user"));
        Video video = ownVideo(token, "first title");
        var onA = videos(0, token);
        var onB = videos(1, token);
        GetVideoRequest get = GetVideoRequest.newBuilder().setVideoId(video.getVideoId()).build();
        for (int i = 0; i < 3; i++) { // in both replicas' memory now
            assertEquals("first title", onA.getVideo(get).getTitle());
            assertEquals("first title", onB.getVideo(get).getTitle());
        }

        onA.updateVideo(UpdateVideoRequest.newBuilder().setVideo(video.toBuilder().setTitle("second title"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("title")).build());
        long changed = System.nanoTime();
        String seen = onB.getVideo(get).getTitle();
        while (!seen.equals("second title") && System.nanoTime() - changed < 1_000_000_000L) {
            Thread.sleep(5);
            seen = onB.getVideo(get).getTitle();
        }
        assertEquals("second title", seen, "replica b still answered the old title a second after the change");
        assertEquals("second title", onA.getVideo(get).getTitle(), "the replica that made the change");
    }

    @Test
    void oneUsersReadBudgetIsSharedByTheReplicas() throws Exception {
        String token = TestIdentity.shared().token("user-" + UUID.randomUUID(), Set.of("user"));
        Video video = ownVideo(token, "budget");
        GetVideoRequest get = GetVideoRequest.newBuilder().setVideoId(video.getVideoId()).build();
        var onA = videos(0, token);
        var onB = videos(1, token);
        // The set-up above spent a few reads; start in a fresh 5 s window and call until refused on both.
        long window = 5_000;
        Thread.sleep(window - System.currentTimeMillis() % window + 50);
        int allowed = 0;
        int refused = 0;
        for (int i = 0; i < 4 * READ_BUDGET; i++) {
            try {
                (i % 2 == 0 ? onA : onB).getVideo(get);
                allowed++;
            } catch (StatusRuntimeException e) {
                assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getMessage());
                refused++;
            }
        }
        // Refusals are exact; the other replica may admit one lease (10 % of the budget) unconfirmed.
        int lease = READ_BUDGET / 10;
        assertTrue(allowed >= READ_BUDGET && allowed <= READ_BUDGET + lease,
                allowed + " calls allowed over two replicas for a budget of " + READ_BUDGET + " (lease " + lease + ")");
        assertEquals(4 * READ_BUDGET - allowed, refused);
    }

    private static VideoServiceGrpc.VideoServiceBlockingStub videos(int replica, String token) {
        return VideoServiceGrpc.newBlockingStub(CHANNELS.get(replica)).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth(token)));
    }

    private static Metadata auth(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return headers;
    }

    /** A one-byte upload through replica a, completed: a video the token's user owns. */
    private static Video ownVideo(String token, String title) throws Exception {
        var uploads = UploadServiceGrpc.newBlockingStub(CHANNELS.get(0)).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth(token)));
        InitiateUploadResponse session = uploads.initiateUpload(InitiateUploadRequest.newBuilder().setTitle(title).setSizeBytes(1)
                .setContentType("video/mp4").setVisibility(Visibility.VISIBILITY_PUBLIC).build());
        String url = session.getUploadUrl().replaceFirst("^https?://[^/]+", REPLICAS.get(0).baseUrl());
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Range", "bytes 0-0/1").PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {42})).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(put.statusCode() / 100 == 2, put.statusCode() + " " + put.body());
        return uploads.completeUpload(CompleteUploadRequest.newBuilder().setUploadId(session.getUploadId()).build()).getVideo();
    }
}
