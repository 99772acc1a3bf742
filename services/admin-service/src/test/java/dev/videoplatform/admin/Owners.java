package dev.videoplatform.admin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.TestServiceIdentity;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.upload.v1.CompleteUploadRequest;
import dev.videoplatform.upload.v1.GetVideoForPlaybackRequest;
import dev.videoplatform.upload.v1.InitiateUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.UploadServiceGrpc;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Users and videos made the real way, in the real user- and upload-service; events read off Kafka. */
final class Owners {

    private Owners() {
    }

    /** A registered account's user id. */
    static String newUser() {
        ManagedChannel channel = channel(OwningServicesResource.users.port());
        try {
            String name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            return UserServiceGrpc.newBlockingStub(channel).register(RegisterRequest.newBuilder().setUsername(name)
                    .setEmail(name + "@example.com").setPassword("correct horse battery staple").build())
                    .getUser().getUserId();
        } finally {
            channel.shutdownNow();
        }
    }

    /** A video of {@code owner}, uploaded (PROCESSING) or, with {@code ready}, marked transcoded (READY). */
    static String video(String owner, Visibility visibility, boolean ready) throws Exception {
        ManagedChannel channel = channel(OwningServicesResource.upload.port());
        try {
            var uploads = UploadServiceGrpc.newBlockingStub(channel).withInterceptors(
                    MetadataUtils.newAttachHeadersInterceptor(AdminClient.bearer(owner, Set.of("user"))));
            byte[] file = new byte[1024];
            InitiateUploadResponse session = uploads.initiateUpload(InitiateUploadRequest.newBuilder().setTitle("admin test")
                    .setSizeBytes(file.length).setContentType("video/mp4").setVisibility(visibility).build());
            HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(session.getUploadUrl()
                            .replaceFirst("^https?://[^/]+", OwningServicesResource.upload.baseUrl())))
                    .header("Content-Range", "bytes 0-" + (file.length - 1) + "/" + file.length)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() / 100 != 2) {
                throw new AssertionError("PUT answered " + put.statusCode() + ": " + put.body());
            }
            String videoId = uploads.completeUpload(CompleteUploadRequest.newBuilder().setUploadId(session.getUploadId()).build())
                    .getVideo().getVideoId();
            if (ready) {
                // Just what upload needs to call it READY: admin never plays anything.
                VideoTranscoded done = VideoTranscoded.newBuilder().setVideoId(videoId).setJobId(UUID.randomUUID().toString())
                        .setAttempt(1).setHlsPrefix("hls/" + videoId + "/").build();
                publish(EventEnvelopes.wrap("transcode-service", videoId, done));
                awaitVideo(videoId, video -> video.getStatus() == VideoStatus.VIDEO_STATUS_READY);
            }
            return videoId;
        } finally {
            channel.shutdownNow();
        }
    }

    /** Waits until upload-service's view of the video satisfies {@code wanted} (it applies admin events too). */
    static Video awaitVideo(String videoId, Predicate<Video> wanted) throws InterruptedException {
        ManagedChannel channel = channel(OwningServicesResource.upload.port());
        try {
            var videos = VideoServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                    AdminClient.authorization(TestServiceIdentity.token("admin-service", "upload"))));
            var request = GetVideoForPlaybackRequest.newBuilder().setVideoId(videoId).build();
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); ; Thread.sleep(50)) {
                Video video = videos.getVideoForPlayback(request);
                if (wanted.test(video) || System.nanoTime() > deadline) {
                    assertTrue(wanted.test(video), "video " + videoId + " stayed " + video.getStatus());
                    return video;
                }
            }
        } finally {
            channel.shutdownNow();
        }
    }

    /** Events of {@code topic} about {@code key}: all that arrive until the topic is quiet for {@code quiet}. */
    static List<EventEnvelope> events(String topic, String key, Duration quiet) {
        return topics().collect(topic, bytes -> EventEnvelopes.parse(bytes).getAggregateKey().equals(key), quiet,
                        Duration.ofSeconds(20)).stream().map(EventEnvelopes::parse).toList();
    }

    private static void publish(EventEnvelope envelope) {
        topics().publish(envelope.getEventType(), envelope.getAggregateKey(), envelope.toByteArray());
    }

    private static TopicProbe topics() {
        return new TopicProbe(Devstack.shared().settings().kafkaBootstrapServers());
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }
}
