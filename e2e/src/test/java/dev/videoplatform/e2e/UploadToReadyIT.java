package dev.videoplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestClips;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TestServiceIdentity;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.upload.v1.CompleteUploadRequest;
import dev.videoplatform.upload.v1.GetVideoForPlaybackRequest;
import dev.videoplatform.upload.v1.GetVideoRequest;
import dev.videoplatform.upload.v1.InitiateUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.UploadServiceGrpc;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.VideoStatusUpdate;
import dev.videoplatform.upload.v1.Visibility;
import dev.videoplatform.upload.v1.WatchVideoStatusRequest;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * upload-service and transcode-service as separate processes on one devstack: a client uploads a
 * real clip over the signed PUT URL, completes it and watches it become READY with renditions
 * produced by ffmpeg; one trace runs from CompleteUpload through the transcode.
 */
class UploadToReadyIT {

    private static final Path WORK = Path.of("target", "e2e").toAbsolutePath();
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static ServiceProcess upload;

    @BeforeAll
    static void startServices() throws Exception {
        DevstackSettings stack = Devstack.shared().settings();
        Devstack.shared().createDatabase("videos");
        Path blobs = Files.createDirectories(WORK.resolve("blobs"));
        Map<String, String> common = new HashMap<>(Map.of("kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "quarkus.redis.hosts", stack.redisUrl(), "videoplatform.blob.root", blobs.toString(),
                "videoplatform.page-token.secret", "e2e-page-secret",
                "videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl(),
                "videoplatform.service-identity.key", TestServiceIdentity.key()));
        Map<String, String> transcode = new HashMap<>(common);
        transcode.put("videoplatform.transcode.progress-interval", "500ms");
        SERVICES.add(ServiceProcess.start(jar("transcode-service"), transcode, WORK.resolve("transcode-service.log")));
        Map<String, String> uploads = new HashMap<>(common);
        uploads.putAll(stack.quarkusConfig("videos"));
        uploads.put("videoplatform.upload.url-secret", "e2e-url-secret");
        // No user-service in this test: nothing listens on port 1, so the channel checks step aside.
        uploads.put("quarkus.grpc.clients.user.host", "127.0.0.1");
        uploads.put("quarkus.grpc.clients.user.port", "1");
        upload = ServiceProcess.start(jar("upload-service"), uploads, WORK.resolve("upload-service.log"));
        SERVICES.add(upload);
    }

    @AfterAll
    static void stopServices() {
        for (ServiceProcess service : SERVICES) {
            service.close();
        }
    }

    private static Path jar(String service) {
        return Path.of("..", "services", service, "target", "quarkus-app", "quarkus-run.jar");
    }

    @Test
    void anUploadedClipBecomesReadyWithRenditionsAndOneTrace() throws Exception {
        Path clip = TestClips.mp4(WORK.resolve("clip.mp4"), 640, 360, 6, true);
        byte[] file = Files.readAllBytes(clip);
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + TestIdentity.shared().token("user-" + UUID.randomUUID(), Set.of("user")));
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", upload.port()).usePlaintext().build();
        try {
            var uploads = UploadServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            var videos = VideoServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            InitiateUploadResponse session = uploads.initiateUpload(InitiateUploadRequest.newBuilder().setTitle("e2e clip")
                    .setSizeBytes(file.length).setContentType("video/mp4").setVisibility(Visibility.VISIBILITY_PUBLIC).build());

            // The bytes go as a raw PUT to the signed URL, as a browser would send them.
            String url = session.getUploadUrl().replaceFirst("^https?://[^/]+", upload.baseUrl());
            HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Range", "bytes 0-" + (file.length - 1) + "/" + file.length)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(put.statusCode() / 100 == 2, put.statusCode() + " " + put.body());
            Video video = uploads.completeUpload(CompleteUploadRequest.newBuilder().setUploadId(session.getUploadId()).build())
                    .getVideo();
            assertEquals(VideoStatus.VIDEO_STATUS_PROCESSING, video.getStatus());

            List<VideoStatusUpdate> updates = new ArrayList<>();
            Iterator<VideoStatusUpdate> stream = videos.withDeadlineAfter(120, TimeUnit.SECONDS)
                    .watchVideoStatus(WatchVideoStatusRequest.newBuilder().setVideoId(video.getVideoId()).build());
            while (stream.hasNext()) {
                VideoStatusUpdate update = stream.next();
                updates.add(update);
                if (update.getStatus() != VideoStatus.VIDEO_STATUS_PROCESSING) {
                    break;
                }
            }
            VideoStatusUpdate last = updates.get(updates.size() - 1);
            assertEquals(VideoStatus.VIDEO_STATUS_READY, last.getStatus(), updates.toString());
            assertEquals(VideoStatus.VIDEO_STATUS_PROCESSING, updates.get(0).getStatus());

            Video ready = videos.getVideo(GetVideoRequest.newBuilder().setVideoId(video.getVideoId()).build());
            assertEquals(List.of("240p", "360p"), ready.getRenditionsList().stream().map(r -> r.getName()).toList());
            assertEquals(6, ready.getDuration().getSeconds(), 1);
            assertTrue(Files.isRegularFile(WORK.resolve("blobs").resolve("hls").resolve(video.getVideoId()).resolve("master.m3u8")));

            // The playback view is for other services only: the uploader's own token is refused,
            // streaming-service's service token (as its client mints them) is answered.
            GetVideoForPlaybackRequest forPlayback = GetVideoForPlaybackRequest.newBuilder().setVideoId(video.getVideoId()).build();
            assertEquals(Status.Code.PERMISSION_DENIED, assertThrows(StatusRuntimeException.class,
                    () -> videos.getVideoForPlayback(forPlayback)).getStatus().getCode());
            Metadata service = new Metadata();
            service.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    "Bearer " + TestServiceIdentity.token("streaming-service", "upload"));
            assertEquals(video.getVideoId(), VideoServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(service)).getVideoForPlayback(forPlayback).getVideoId());

            String requested = traceId(events("video.transcode", video.getVideoId()).get(0));
            String transcoded = traceId(events("video.transcoded", video.getVideoId()).get(0));
            assertFalse(requested.isEmpty());
            assertEquals(requested, transcoded, "the transcode must continue the upload's trace");
        } finally {
            channel.shutdownNow();
        }
    }

    private static List<EventEnvelope> events(String topic, String videoId) {
        TopicProbe probe = new TopicProbe(Devstack.shared().settings().kafkaBootstrapServers());
        return probe.collect(topic, bytes -> parse(bytes).getAggregateKey().equals(videoId), Duration.ofMillis(500),
                Duration.ofSeconds(20)).stream().map(UploadToReadyIT::parse).toList();
    }

    private static EventEnvelope parse(byte[] bytes) {
        try {
            return EventEnvelope.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** The trace id of a W3C traceparent: version-traceid-spanid-flags. */
    private static String traceId(EventEnvelope envelope) {
        String[] parts = envelope.getTrace().getTraceparent().split("-");
        return parts.length == 4 ? parts[1] : "";
    }
}
