package dev.videoplatform.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.PackagedService;
import dev.videoplatform.platform.blob.FilesystemBlobStore;
import dev.videoplatform.streaming.v1.GetPlaybackInfoRequest;
import dev.videoplatform.streaming.v1.GetPlaybackInfoResponse;
import dev.videoplatform.streaming.v1.StreamingServiceGrpc;
import dev.videoplatform.upload.v1.Visibility;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service (the jar here, the native executable in CI's native job) on the devstack,
 * beside the real upload-service: playback info over gRPC from upload's metadata, the playlist and
 * segment over HTTP from the blob store, health and metrics.
 */
@QuarkusIntegrationTest
class PackagedStreamingServiceIT {

    private final PackagedService service = new PackagedService();

    @BeforeEach
    void blobStore() throws Exception {
        // The blob root the launched service shares with upload-service (UploadServiceResource).
        Videos.blobs = new FilesystemBlobStore(UploadServiceResource.BLOBS);
    }

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void aReadyVideoPlaysOverGrpcAndHttp() throws Exception {
        String videoId = Videos.ready(Videos.newUser(), Visibility.VISIBILITY_PUBLIC);
        GetPlaybackInfoResponse info = StreamingServiceGrpc.newBlockingStub(service.channel())
                .getPlaybackInfo(GetPlaybackInfoRequest.newBuilder().setVideoId(videoId).build());
        assertEquals("/stream/" + videoId + "/240p/index.m3u8", info.getRenditions(0).getPlaylistUrl());

        HttpResponse<String> master = service.get(info.getMasterPlaylistUrl());
        assertEquals(200, master.statusCode());
        assertTrue(master.body().contains("240p/index.m3u8"), master.body());
        assertArrayEquals(Videos.segment(videoId), service.getBytes("/stream/" + videoId + "/240p/seg_00000.ts"));
        service.assertRpcTimed("GetPlaybackInfo");
    }

    @Test
    void isReady() {
        service.assertReady();
    }
}
