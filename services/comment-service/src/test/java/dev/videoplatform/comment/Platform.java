package dev.videoplatform.comment;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import dev.videoplatform.devstack.ClientStreamCall;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.RenditionOutput;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.upload.v1.CompleteUploadRequest;
import dev.videoplatform.upload.v1.GetVideoRequest;
import dev.videoplatform.upload.v1.InitiateUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.UploadChunkRequest;
import dev.videoplatform.upload.v1.UploadChunkResponse;
import dev.videoplatform.upload.v1.UploadServiceGrpc;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The rest of the platform as the tests drive it: accounts registered in the real user-service,
 * videos uploaded to the real upload-service and made READY by the event transcode-service
 * would send.
 */
final class Platform {

    /** A registered user and an access token for them (admins carry the admin role). */
    record Member(String userId, String displayName, String token) {
    }

    private Platform() {
    }

    static Member register(String displayName, String... roles) {
        ManagedChannel channel = channel(PlatformServices.users.port());
        try {
            String username = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            String id = UserServiceGrpc.newBlockingStub(channel).register(RegisterRequest.newBuilder().setUsername(username)
                    .setEmail(username + "@example.com").setPassword("correct horse battery staple")
                    .setDisplayName(displayName).build()).getUser().getUserId();
            Set<String> granted = roles.length == 0 ? Set.of("user") : Set.of(roles);
            return new Member(id, displayName, TestIdentity.shared().token(id, granted));
        } finally {
            channel.shutdownNow();
        }
    }

    /** A PUBLIC video of {@code owner}, READY, with comments on or off. */
    static String readyVideo(Member owner, boolean commentsEnabled) throws Exception {
        ManagedChannel channel = channel(PlatformServices.uploads.port());
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + owner.token());
            var auth = MetadataUtils.newAttachHeadersInterceptor(headers);
            byte[] file = new byte[1000];
            ThreadLocalRandom.current().nextBytes(file);
            InitiateUploadResponse upload = UploadServiceGrpc.newBlockingStub(channel).withInterceptors(auth)
                    .initiateUpload(InitiateUploadRequest.newBuilder().setTitle("Clip " + UUID.randomUUID())
                            .setSizeBytes(file.length).setContentType("video/mp4").setVisibility(Visibility.VISIBILITY_PUBLIC)
                            .setSha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)))
                            .setCommentsEnabled(commentsEnabled).build());
            CompletableFuture<UploadChunkResponse> sent = ClientStreamCall.send(
                    UploadServiceGrpc.newStub(channel).withInterceptors(auth)::uploadChunk,
                    List.of(UploadChunkRequest.newBuilder().setUploadId(upload.getUploadId()).setOffset(0)
                            .setData(ByteString.copyFrom(file)).build()), null);
            sent.get(30, TimeUnit.SECONDS);
            String videoId = UploadServiceGrpc.newBlockingStub(channel).withInterceptors(auth)
                    .completeUpload(CompleteUploadRequest.newBuilder().setUploadId(upload.getUploadId()).build())
                    .getVideo().getVideoId();
            EventEnvelope transcoded = EventEnvelopes.wrap("transcode-service", videoId, VideoTranscoded.newBuilder()
                    .setVideoId(videoId).setJobId(videoId).setAttempt(1)
                    .addRenditions(RenditionOutput.newBuilder().setName("240p").setWidth(426).setHeight(240)
                            .setBandwidthBps(500_000).setCodecs("avc1.42c015,mp4a.40.2"))
                    .setDuration(Duration.newBuilder().setSeconds(6)).setHlsPrefix("hls/" + videoId)
                    .setPosterKey("hls/" + videoId + "/poster.jpg").build());
            publish(transcoded);
            VideoServiceGrpc.VideoServiceBlockingStub videos = VideoServiceGrpc.newBlockingStub(channel);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try {
                    if (videos.getVideo(GetVideoRequest.newBuilder().setVideoId(videoId).build()).getStatus()
                            == VideoStatus.VIDEO_STATUS_READY) {
                        return videoId;
                    }
                } catch (StatusRuntimeException notYetVisible) {
                    // PROCESSING videos are NOT_FOUND to anonymous callers
                }
                Thread.sleep(50);
            }
            throw new AssertionError("video " + videoId + " not READY within 30 s");
        } finally {
            channel.shutdownNow();
        }
    }

    static TopicProbe topics() {
        return new TopicProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    static void publish(EventEnvelope envelope) {
        topics().publish(envelope.getEventType(), envelope.getAggregateKey(), envelope.toByteArray());
    }

    static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }
}
