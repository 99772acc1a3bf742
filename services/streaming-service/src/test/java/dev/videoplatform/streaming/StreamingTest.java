package dev.videoplatform.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.events.v1.AdminVideoBanned;
import dev.videoplatform.platform.blob.BlobStore;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.streaming.service.PlaybackTokens;
import dev.videoplatform.streaming.v1.GetPlaybackInfoRequest;
import dev.videoplatform.streaming.v1.GetPlaybackInfoResponse;
import dev.videoplatform.streaming.v1.StreamingServiceGrpc;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** HLS delivery against the real upload-service, Redis and Kafka, over real HTTP. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamingTest {

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    @Inject
    PlaybackTokens tokens;

    @Inject
    BlobStore blobs;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        Videos.blobs = blobs;
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    private RawHttp.Response get(String target, String... headers) throws Exception {
        return RawHttp.get(port, target, pairs(headers));
    }

    private static Map<String, String> pairs(String... headers) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return map;
    }

    /** The status of {@code target} once it is {@code expected}, or the last one seen after 10 s. */
    private int awaitStatus(String target, int expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        do {
            Thread.sleep(100);
            status = get(target).status();
        } while (status != expected && System.nanoTime() < deadline);
        return status;
    }

    private GetPlaybackInfoResponse playback(String videoId, String userId) {
        var stub = StreamingServiceGrpc.newBlockingStub(channel);
        if (userId != null) {
            stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(Videos.auth(userId)));
        }
        return stub.getPlaybackInfo(GetPlaybackInfoRequest.newBuilder().setVideoId(videoId).build());
    }

    @Test
    @Order(1)
    void segmentsAndPlaylistsFollowHttpCachingAndRangeSemantics() throws Exception {
        String videoId = Videos.ready(Videos.newUser(), Visibility.VISIBILITY_PUBLIC);
        byte[] segment = Videos.segment(videoId);
        String base = "/stream/" + videoId + "/";

        RawHttp.Response master = get(base + "master.m3u8");
        assertEquals(200, master.status());
        assertEquals("application/vnd.apple.mpegurl", master.header("content-type"));
        assertEquals("public, max-age=60", master.header("cache-control"));
        assertEquals("*", master.header("access-control-allow-origin"));
        assertNotNull(master.header("last-modified"));
        assertTrue(master.text().contains("240p/index.m3u8"));

        RawHttp.Response whole = get(base + "240p/seg_00000.ts");
        assertEquals(200, whole.status());
        assertEquals("video/mp2t", whole.header("content-type"));
        assertEquals("public, max-age=31536000, immutable", whole.header("cache-control"));
        assertEquals("bytes", whole.header("accept-ranges"));
        assertArrayEquals(segment, whole.body());
        String etag = whole.header("etag");

        RawHttp.Response first = get(base + "240p/seg_00000.ts", "Range", "bytes=0-99");
        assertEquals(206, first.status());
        assertEquals("bytes 0-99/" + segment.length, first.header("content-range"));
        assertArrayEquals(Arrays.copyOfRange(segment, 0, 100), first.body());
        RawHttp.Response suffix = get(base + "240p/seg_00000.ts", "Range", "bytes=-100");
        assertEquals(206, suffix.status());
        assertArrayEquals(Arrays.copyOfRange(segment, segment.length - 100, segment.length), suffix.body());
        RawHttp.Response open = get(base + "240p/seg_00000.ts", "Range", "bytes=1000000-");
        assertEquals(206, open.status());
        assertEquals("bytes 1000000-" + (segment.length - 1) + "/" + segment.length, open.header("content-range"));
        assertArrayEquals(Arrays.copyOfRange(segment, 1_000_000, segment.length), open.body());
        RawHttp.Response beyond = get(base + "240p/seg_00000.ts", "Range", "bytes=" + segment.length + "-");
        assertEquals(416, beyond.status());
        assertEquals("bytes */" + segment.length, beyond.header("content-range"));

        RawHttp.Response notModified = get(base + "240p/seg_00000.ts", "If-None-Match", etag);
        assertEquals(304, notModified.status());
        assertEquals(0, notModified.body().length);
        RawHttp.Response head = RawHttp.send(port, "HEAD", base + "240p/seg_00000.ts", Map.of());
        assertEquals(200, head.status());
        assertEquals(Integer.toString(segment.length), head.header("content-length"));
        assertEquals(0, head.body().length);
        RawHttp.Response poster = get(base + "poster.jpg");
        assertEquals("image/jpeg", poster.header("content-type"));
        assertEquals("public, max-age=31536000, immutable", poster.header("cache-control"));

        RawHttp.Response preflight = RawHttp.send(port, "OPTIONS", base + "master.m3u8",
                Map.of("Origin", "https://player.example", "Access-Control-Request-Method", "GET",
                        "Access-Control-Request-Headers", "range"));
        assertEquals(204, preflight.status());
        assertEquals("*", preflight.header("access-control-allow-origin"));
        assertTrue(preflight.header("access-control-allow-methods").contains("GET"));
        assertTrue(preflight.header("access-control-allow-headers").contains("Range"));
    }

    @Test
    @Order(2)
    void playbackInfoGivesPlainUrlsForPublicVideos() throws Exception {
        String videoId = Videos.ready(Videos.newUser(), Visibility.VISIBILITY_UNLISTED);
        GetPlaybackInfoResponse info = playback(videoId, null);
        assertEquals("/stream/" + videoId + "/master.m3u8", info.getMasterPlaylistUrl());
        assertEquals("/stream/" + videoId + "/240p/index.m3u8", info.getRenditions(0).getPlaylistUrl());
        assertEquals(4, info.getDuration().getSeconds());
        assertTrue(!info.hasUrlExpireTime());
        assertEquals(200, get(info.getMasterPlaylistUrl()).status());

        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> playback("no-such-video", null));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        StatusRuntimeException invalid = assertThrows(StatusRuntimeException.class, () -> playback("../etc", null));
        assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatus().getCode());
        assertEquals(404, get("/stream/no-such-video/master.m3u8").status());
    }

    @Test
    @Order(3)
    void privateVideosPlayOnlyWithAGenuineUnexpiredToken() throws Exception {
        String owner = Videos.newUser();
        String videoId = Videos.ready(owner, Visibility.VISIBILITY_PRIVATE);
        assertLikeAnUnknownVideo("/stream/" + videoId + "/master.m3u8");
        assertLikeAnUnknownVideo("/stream/" + videoId + "/240p/seg_00000.ts");

        GetPlaybackInfoResponse info = playback(videoId, owner);
        assertTrue(info.hasUrlExpireTime());
        assertTrue(info.getMasterPlaylistUrl().matches("/stream/" + videoId + "/pt\\.[^/]+/master\\.m3u8"),
                info.getMasterPlaylistUrl());
        RawHttp.Response master = get(info.getMasterPlaylistUrl());
        assertEquals(200, master.status());
        assertEquals("private, max-age=60", master.header("cache-control"));
        // The player resolves the playlist's relative URIs against the signed prefix.
        String prefix = info.getMasterPlaylistUrl().substring(0, info.getMasterPlaylistUrl().lastIndexOf('/') + 1);
        assertEquals(200, get(prefix + "240p/index.m3u8").status());
        assertEquals(200, get(prefix + "240p/seg_00000.ts").status());

        String expired = tokens.sign(videoId, owner, Instant.now().minusSeconds(1));
        assertLikeAnUnknownVideo("/stream/" + videoId + "/" + expired + "/master.m3u8");
        String token = prefix.split("/")[3];
        int mac = token.lastIndexOf('.') + 1;
        String forged = token.substring(0, mac) + (token.charAt(mac) == 'A' ? 'B' : 'A') + token.substring(mac + 1);
        assertLikeAnUnknownVideo("/stream/" + videoId + "/" + forged + "/master.m3u8");
        // Another spelling of the same MAC (base64's spare low bits in the last character) and of
        // the same expiry (a leading zero): one grant has one URL.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertLikeAnUnknownVideo("/stream/" + videoId + "/" + respelled + "/master.m3u8");
        String[] parts = token.split("\\.");
        assertLikeAnUnknownVideo("/stream/" + videoId + "/pt." + parts[1] + ".0" + parts[2] + "." + parts[3] + "/master.m3u8");
        String otherVideo = Videos.ready(owner, Visibility.VISIBILITY_PRIVATE);
        assertLikeAnUnknownVideo("/stream/" + otherVideo + "/" + token + "/master.m3u8"); // a token is for one video

        StatusRuntimeException stranger = assertThrows(StatusRuntimeException.class, () -> playback(videoId, Videos.newUser()));
        assertEquals(Status.Code.NOT_FOUND, stranger.getStatus().getCode());
        StatusRuntimeException anonymous = assertThrows(StatusRuntimeException.class, () -> playback(videoId, null));
        assertEquals(Status.Code.NOT_FOUND, anonymous.getStatus().getCode());
    }

    @Test
    @Order(3)
    void aVideoNotYetPlayableIsUnknownToAllButItsOwner() throws Exception {
        String owner = Videos.newUser();
        String videoId = Videos.processing(owner, Visibility.VISIBILITY_PUBLIC);
        assertLikeAnUnknownVideo("/stream/" + videoId + "/master.m3u8");
        String stranger = playbackRefused(Status.Code.NOT_FOUND, videoId, Videos.newUser()).getStatus().getDescription();
        String unknown = playbackRefused(Status.Code.NOT_FOUND, "no-such-video", null).getStatus().getDescription();
        assertEquals(unknown.replace("no-such-video", videoId), stranger);
        playbackRefused(Status.Code.FAILED_PRECONDITION, videoId, owner); // the owner is told it is not ready
    }

    private StatusRuntimeException playbackRefused(Status.Code code, String videoId, String userId) {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> playback(videoId, userId));
        assertEquals(code, refused.getStatus().getCode(), refused.getStatus().toString());
        return refused;
    }

    /** {@code target} answers exactly (status, headers, body) as a video that never existed. */
    private void assertLikeAnUnknownVideo(String target) throws Exception {
        RawHttp.Response unknown = get("/stream/" + java.util.UUID.randomUUID() + "/master.m3u8");
        RawHttp.Response answer = get(target);
        assertEquals(404, answer.status(), target);
        assertEquals(unknown.headers(), answer.headers(), target);
        assertEquals(unknown.text(), answer.text(), target);
    }

    @Test
    @Order(4)
    void traversalAttemptsAreRefused() throws Exception {
        String videoId = Videos.ready(Videos.newUser(), Visibility.VISIBILITY_PUBLIC);
        Path outside = Files.createDirectories(Path.of("target", "outside").toAbsolutePath());
        Files.writeString(outside.resolve("index.m3u8"), "secret");
        Files.writeString(outside.resolve("seg_00001.ts"), "secret");
        // On a filesystem store, links planted in the published directory; on S3 they lie beside it, unreachable either way.
        Files.createDirectories(Videos.hls(videoId).resolve("240p"));
        Files.createSymbolicLink(Videos.hls(videoId).resolve("240p/seg_00001.ts"), outside.resolve("seg_00001.ts"));
        Files.createSymbolicLink(Videos.hls(videoId).resolve("999p"), outside);
        for (String target : new String[] {
                "/stream/" + videoId + "/../../raw/" + videoId,
                "/stream/" + videoId + "/240p/../../../etc/passwd",
                "/stream/" + videoId + "/%2e%2e/%2e%2e/raw/" + videoId,
                "/stream/" + videoId + "/240p%2F..%2F..%2Fmaster.m3u8",
                "/stream/" + videoId + "//etc/passwd",
                "/stream//etc/passwd",
                "/stream/" + videoId + "/240p/seg_00001.ts",
                "/stream/" + videoId + "/999p/index.m3u8",
                "/stream/" + videoId + "/240p/index.m3u8%00.ts"}) {
            RawHttp.Response response = get(target);
            assertTrue(response.status() == 404 || response.status() == 400, target + " → " + response.status());
            assertTrue(!response.text().contains("secret"), target);
        }
    }

    @Test
    @Order(5)
    void aBannedVideoStopsPlayingWithinSeconds() throws Exception {
        String videoId = Videos.ready(Videos.newUser(), Visibility.VISIBILITY_PUBLIC);
        assertEquals(200, get("/stream/" + videoId + "/240p/seg_00000.ts").status());
        Videos.publish(EventEnvelopes.wrap("admin-service", videoId, AdminVideoBanned.newBuilder().setVideoId(videoId)
                .setReason("copyright").build()));
        assertEquals(410, awaitStatus("/stream/" + videoId + "/240p/seg_00000.ts", 410));
        Videos.awaitStatus(videoId, VideoStatus.VIDEO_STATUS_BANNED);
    }

    @Test
    @Order(100)
    void whenUploadServiceIsDownTheLastKnownMetadataStillServes() throws Exception {
        String videoId = Videos.ready(Videos.newUser(), Visibility.VISIBILITY_PUBLIC);
        assertEquals(200, get("/stream/" + videoId + "/master.m3u8").status());
        UploadServiceResource.upload.kill();
        Thread.sleep(1_500); // past the Redis (1 s) and in-memory (0.2 s) lifetimes of the test profile
        assertEquals(200, get("/stream/" + videoId + "/master.m3u8").status());
        assertEquals(200, get("/stream/" + videoId + "/240p/seg_00000.ts").status());
        assertEquals(videoId, playback(videoId, null).getVideoId());
        // A ban while upload-service is down still stops playback: the fallback copy takes it.
        Videos.publish(EventEnvelopes.wrap("admin-service", videoId, AdminVideoBanned.newBuilder().setVideoId(videoId)
                .setReason("copyright").build()));
        assertEquals(410, awaitStatus("/stream/" + videoId + "/master.m3u8", 410));
        RawHttp.Response neverSeen = get("/stream/never-seen-video/master.m3u8");
        assertEquals(503, neverSeen.status());
        assertEquals("5", neverSeen.header("retry-after"));
        // Still ready (it serves), and saying why it is degraded.
        RawHttp.Response health = get("/q/health/ready");
        assertEquals(200, health.status());
        assertTrue(health.text().matches("(?s).*\"upload-video-service\"\\s*:\\s*\"OPEN\".*"), health.text());
    }
}
