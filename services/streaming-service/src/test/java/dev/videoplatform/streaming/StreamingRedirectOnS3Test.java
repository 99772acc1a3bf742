package dev.videoplatform.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.S3BlobStoreProfile;
import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.blob.BlobStore;
import dev.videoplatform.streaming.v1.GetPlaybackInfoRequest;
import dev.videoplatform.streaming.v1.GetPlaybackInfoResponse;
import dev.videoplatform.streaming.v1.StreamingServiceGrpc;
import dev.videoplatform.upload.v1.Visibility;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redirect delivery from S3: segments and posters answer 302 to a presigned URL of that one
 * object, only to callers that may play the video; playlists are still served (they are small
 * and carry the signed playback path); a tampered or expired presigned URL is refused by S3.
 */
@QuarkusTest
@TestProfile(StreamingRedirectOnS3Test.Redirect.class)
class StreamingRedirectOnS3Test {

    public static class Redirect extends S3BlobStoreProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("videoplatform.streaming.segment-delivery", "redirect");
        }
    }

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    @Inject
    BlobStore blobs;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void store() {
        Videos.blobs = blobs;
    }

    private HttpResponse<byte[]> fetch(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aSegmentRedirectsToAPresignedUrlOfThatObject() throws Exception {
        String videoId = Videos.ready(Videos.newUser(), Visibility.VISIBILITY_PUBLIC);
        RawHttp.Response playlist = RawHttp.get(port, "/stream/" + videoId + "/240p/index.m3u8", Map.of());
        assertEquals(200, playlist.status(), "playlists are served, not redirected");

        RawHttp.Response segment = RawHttp.get(port, "/stream/" + videoId + "/240p/seg_00000.ts", Map.of());
        assertEquals(302, segment.status());
        assertEquals("no-store", segment.header("cache-control"));
        URI location = URI.create(segment.header("location"));
        assertTrue(location.getQuery().contains("X-Amz-Signature="), location.toString());
        HttpResponse<byte[]> followed = fetch(location);
        assertEquals(200, followed.statusCode());
        assertArrayEquals(Videos.segment(videoId), followed.body());

        URI tampered = URI.create(location.toString().replace("seg_00000.ts", "seg_00001.ts"));
        assertEquals(403, fetch(tampered).statusCode(), "a presigned URL names one object");
        URI listing = URI.create(location.getScheme() + "://" + location.getAuthority() + location.getPath()
                .substring(0, location.getPath().indexOf("/hls/") + 1) + "?" + location.getQuery());
        assertEquals(403, fetch(listing).statusCode(), "the signature does not list the bucket");
    }

    @Test
    void anExpiredPresignedUrlIsRefused() throws Exception {
        String videoId = Videos.ready(Videos.newUser(), Visibility.VISIBILITY_PUBLIC);
        URI shortLived = blobs.presignedGet(BlobKeys.ladder(videoId) + "240p/seg_00000.ts", Duration.ofSeconds(1)).orElseThrow();
        Thread.sleep(2_500);
        assertEquals(403, fetch(shortLived).statusCode());
    }

    @Test
    void aPrivateVideoRedirectsOnlyOnItsSignedPlaybackPath() throws Exception {
        String owner = Videos.newUser();
        String videoId = Videos.ready(owner, Visibility.VISIBILITY_PRIVATE);
        assertEquals(404, RawHttp.get(port, "/stream/" + videoId + "/240p/seg_00000.ts", Map.of()).status());
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            GetPlaybackInfoResponse info = StreamingServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(Videos.auth(owner)))
                    .getPlaybackInfo(GetPlaybackInfoRequest.newBuilder().setVideoId(videoId).build());
            String prefix = info.getMasterPlaylistUrl().substring(0, info.getMasterPlaylistUrl().lastIndexOf('/') + 1);
            RawHttp.Response segment = RawHttp.get(port, prefix + "240p/seg_00000.ts", Map.of());
            assertEquals(302, segment.status());
            assertArrayEquals(Videos.segment(videoId), fetch(URI.create(segment.header("location"))).body());
        } finally {
            channel.shutdownNow();
        }
    }
}
