package dev.videoplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestClips;
import dev.videoplatform.upload.v1.CompleteUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.UploadServiceGrpc;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.VideoStatusUpdate;
import dev.videoplatform.upload.v1.Visibility;
import dev.videoplatform.upload.v1.WatchVideoStatusRequest;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A signed-in user of upload-service's public RPCs, uploading as a client app does. */
record Uploader(UploadServiceGrpc.UploadServiceBlockingStub uploads, VideoServiceGrpc.VideoServiceBlockingStub videos) {

    /** Stubs on {@code channel} calling with {@code accessToken}. */
    static Uploader withToken(Channel channel, String accessToken) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + accessToken);
        var bearer = MetadataUtils.newAttachHeadersInterceptor(headers);
        return new Uploader(UploadServiceGrpc.newBlockingStub(channel).withInterceptors(bearer),
                VideoServiceGrpc.newBlockingStub(channel).withInterceptors(bearer));
    }

    /**
     * Initiates a PUBLIC upload of {@code clip}, PUTs its bytes to the signed URL on {@code server}
     * (one raw PUT streamed from the file, as a browser sends it) and completes the upload.
     */
    Video uploadAndComplete(Path clip, ServiceProcess server, String title) throws Exception {
        long size = Files.size(clip);
        InitiateUploadResponse session = uploads.initiateUpload(InitiateUploadRequest.newBuilder()
                .setTitle(title).setSizeBytes(size).setContentType("video/mp4")
                .setVisibility(Visibility.VISIBILITY_PUBLIC).build());
        String url = session.getUploadUrl().replaceFirst("^https?://[^/]+", server.baseUrl());
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Range", "bytes 0-" + (size - 1) + "/" + size)
                .PUT(HttpRequest.BodyPublishers.ofFile(clip)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(put.statusCode() / 100 == 2, put.statusCode() + " " + put.body());
        return uploads.completeUpload(CompleteUploadRequest.newBuilder().setUploadId(session.getUploadId()).build()).getVideo();
    }

    /** Uploads a small generated clip (made once, in {@code work}) as a PUBLIC video and waits until it is READY. */
    Video publish(Path work, ServiceProcess server, String title) throws Exception {
        Path clip = work.resolve("clip.mp4");
        if (!Files.exists(clip)) {
            TestClips.mp4(clip, 320, 240, 3, true);
        }
        Video video = uploadAndComplete(clip, server, title);
        List<VideoStatusUpdate> updates = watchUntilSettled(video.getVideoId());
        assertEquals(VideoStatus.VIDEO_STATUS_READY, updates.get(updates.size() - 1).getStatus(), updates.toString());
        return video;
    }

    /** Status updates until the first that is not PROCESSING. */
    List<VideoStatusUpdate> watchUntilSettled(String videoId) {
        List<VideoStatusUpdate> updates = new ArrayList<>();
        Iterator<VideoStatusUpdate> stream = videos.withDeadlineAfter(120, TimeUnit.SECONDS)
                .watchVideoStatus(WatchVideoStatusRequest.newBuilder().setVideoId(videoId).build());
        while (stream.hasNext()) {
            VideoStatusUpdate update = stream.next();
            updates.add(update);
            if (update.getStatus() != VideoStatus.VIDEO_STATUS_PROCESSING) {
                break;
            }
        }
        return updates;
    }
}
