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
import dev.videoplatform.upload.v1.GetVideoForPlaybackRequest;
import dev.videoplatform.upload.v1.GetVideoRequest;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.VideoStatusUpdate;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * upload-service, transcode-service and the edge as separate processes on one devstack: a client
 * uploads a real clip over the signed PUT URL, completes it and watches it become READY with
 * renditions produced by ffmpeg; one trace runs from CompleteUpload through the transcode. A clip
 * larger than every limit the edge has goes the way `make run` sends it: through the edge, and
 * search-service then finds it through the edge.
 */
class UploadToReadyIT {

    private static final Path WORK = Path.of("target", "e2e").toAbsolutePath();
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static ServiceProcess upload;
    private static ServiceProcess edge;
    private static ManagedChannel channel;

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
        Devstack.shared().createDatabase("search");
        Map<String, String> searches = new HashMap<>(common);
        searches.putAll(stack.quarkusConfig("search"));
        ServiceProcess search = ServiceProcess.start(jar("search-service"), searches, WORK.resolve("search-service.log"));
        SERVICES.add(search);
        edge = ServiceProcess.start(Path.of("..", "edge", "target", "quarkus-app", "quarkus-run.jar"),
                Map.of("edge.uploads", "127.0.0.1:" + upload.port(),
                        "edge.upstreams.\"videoplatform.search.v1.SearchService\"", "127.0.0.1:" + search.port()),
                WORK.resolve("edge.log"), "/healthz");
        SERVICES.add(edge);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", upload.port()).usePlaintext().build();
    }

    @AfterAll
    static void stopServices() {
        if (channel != null) {
            channel.shutdownNow();
        }
        for (ServiceProcess service : SERVICES) {
            service.close();
        }
    }

    private static Path jar(String service) {
        return Path.of("..", "services", service, "target", "quarkus-app", "quarkus-run.jar");
    }

    @Test
    void anUploadedClipBecomesReadyWithRenditionsAndOneTrace() throws Exception {
        Uploader clients = Uploader.withToken(channel, TestIdentity.shared().token("user-" + UUID.randomUUID(), Set.of("user")));
        Video video = clients.uploadAndComplete(TestClips.mp4(WORK.resolve("clip.mp4"), 640, 360, 6, true), upload, "e2e clip");
        assertEquals(VideoStatus.VIDEO_STATUS_PROCESSING, video.getStatus());

        List<VideoStatusUpdate> updates = clients.watchUntilSettled(video.getVideoId());
        VideoStatusUpdate last = updates.get(updates.size() - 1);
        assertEquals(VideoStatus.VIDEO_STATUS_READY, last.getStatus(), updates.toString());
        assertEquals(VideoStatus.VIDEO_STATUS_PROCESSING, updates.get(0).getStatus());

        Video ready = clients.videos().getVideo(GetVideoRequest.newBuilder().setVideoId(video.getVideoId()).build());
        assertEquals(List.of("240p", "360p"), ready.getRenditionsList().stream().map(r -> r.getName()).toList());
        assertEquals(6, ready.getDuration().getSeconds(), 1);
        assertTrue(Files.isRegularFile(WORK.resolve("blobs").resolve("hls").resolve(video.getVideoId()).resolve("master.m3u8")));

        // The playback view is for other services only: the uploader's own token is refused,
        // streaming-service's service token (as its client mints them) is answered.
        GetVideoForPlaybackRequest forPlayback = GetVideoForPlaybackRequest.newBuilder().setVideoId(video.getVideoId()).build();
        assertEquals(Status.Code.PERMISSION_DENIED, assertThrows(StatusRuntimeException.class,
                () -> clients.videos().getVideoForPlayback(forPlayback)).getStatus().getCode());
        Metadata service = new Metadata();
        service.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + TestServiceIdentity.token("streaming-service", "upload"));
        assertEquals(video.getVideoId(), VideoServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(service)).getVideoForPlayback(forPlayback).getVideoId());

        String requested = traceId(events("video.transcode", video.getVideoId()).get(0));
        String transcoded = traceId(events("video.transcoded", video.getVideoId()).get(0));
        assertFalse(requested.isEmpty());
        assertEquals(requested, transcoded, "the transcode must continue the upload's trace");
    }

    @Test
    void aClipLargerThanEveryEdgeLimitStreamsThroughTheEdgeBecomesReadyAndIsFoundBySearch() throws Exception {
        // Noise at 80 Mbit/s: about 60 MB, beyond Vert.x's 10 MiB default and the edge's 1 MiB JSON limit.
        Path clip = TestClips.noisyMp4(WORK.resolve("big.mp4"), 640, 360, 6, 80);
        assertTrue(Files.size(clip) >= 50L << 20, "clip of only " + Files.size(clip) + " bytes");
        Uploader clients = Uploader.withToken(channel, TestIdentity.shared().token("user-" + UUID.randomUUID(), Set.of("user")));
        String word = "zq" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        Video video = clients.uploadAndComplete(clip, edge, "Café " + word + " in the rain");

        List<VideoStatusUpdate> updates = clients.watchUntilSettled(video.getVideoId());
        assertEquals(VideoStatus.VIDEO_STATUS_READY, updates.get(updates.size() - 1).getStatus(), updates.toString());
        Video ready = clients.videos().getVideo(GetVideoRequest.newBuilder().setVideoId(video.getVideoId()).build());
        assertEquals(List.of("240p", "360p"), ready.getRenditionsList().stream().map(r -> r.getName()).toList());

        // Published → video.published → search-service's index, asked through the edge as an app does.
        HttpClient http = HttpClient.newHttpClient();
        URI search = URI.create(edge.baseUrl() + "/v1/videos:search?query=cafe%20" + word);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        HttpResponse<String> found = http.send(HttpRequest.newBuilder(search).build(), HttpResponse.BodyHandlers.ofString());
        while (found.statusCode() == 200 && !found.body().contains(video.getVideoId()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            found = http.send(HttpRequest.newBuilder(search).build(), HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(200, found.statusCode(), found.body());
        assertTrue(found.body().contains(video.getVideoId()), "not found by search within 5 s of READY: " + found.body());
    }


    @Test
    void theEdgeProcessAnswersAMalformedRequestTargetWithAJsonError() throws Exception {
        // No HTTP client sends this; Quarkus alone would answer an empty 400 (EdgeMain turns that off).
        try (Socket socket = new Socket("127.0.0.1", edge.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /uploads/u1?sig=%zz HTTP/1.1\r\nhost: edge\r\nconnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertTrue(answer.toLowerCase().contains("content-type: application/json"), answer);
            assertTrue(answer.endsWith("\"code\":3,\"message\":\"malformed percent-escape in the query: % must be followed by two hex digits\",\"details\":[]}"),
                    answer);
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
