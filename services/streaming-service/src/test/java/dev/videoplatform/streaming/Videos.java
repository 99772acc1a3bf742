package dev.videoplatform.streaming;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TestServiceIdentity;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.RenditionOutput;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.blob.BlobStore;
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
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Makes READY videos the real way: uploaded to upload-service, "transcoded" into the blob store. */
final class Videos {

    static final int SEGMENT_BYTES = 1_048_576;

    /** streaming-service's blob store (a directory or a bucket), set by the test class. */
    static BlobStore blobs;

    private Videos() {
    }

    static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    static Metadata auth(String userId) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + TestIdentity.shared().token(userId, Set.of("user")));
        return headers;
    }

    /** A video of {@code owner} uploaded and still PROCESSING: nothing to play yet. */
    static String processing(String owner, Visibility visibility) throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", UploadServiceResource.upload.port())
                .usePlaintext().build();
        try {
            var uploads = UploadServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth(owner)));
            byte[] file = new byte[4096];
            new Random(1).nextBytes(file);
            InitiateUploadResponse session = uploads.initiateUpload(InitiateUploadRequest.newBuilder().setTitle("stream test")
                    .setSizeBytes(file.length).setContentType("video/mp4").setVisibility(visibility).build());
            putBytes(UploadServiceResource.upload.baseUrl(), session.getUploadUrl(), file);
            return uploads.completeUpload(CompleteUploadRequest.newBuilder().setUploadId(session.getUploadId()).build())
                    .getVideo().getVideoId();
        } finally {
            channel.shutdownNow();
        }
    }

    /** A READY video of {@code owner} with one 240p rendition: a 1 MiB segment, playlists and a poster. */
    static String ready(String owner, Visibility visibility) throws Exception {
        String videoId = processing(owner, visibility);
        writeHls(videoId);
        publish(EventEnvelopes.wrap("transcode-service", videoId, VideoTranscoded.newBuilder().setVideoId(videoId)
                .setJobId(UUID.randomUUID().toString()).setAttempt(1)
                .addRenditions(RenditionOutput.newBuilder().setName("240p").setWidth(426).setHeight(240)
                        .setBandwidthBps(900_000).setCodecs("avc1.64001e,mp4a.40.2")
                        .setPlaylistKey("hls/" + videoId + "/240p/index.m3u8"))
                .setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(4))
                .setHlsPrefix("hls/" + videoId + "/").setPosterKey("hls/" + videoId + "/poster.jpg")
                .setMasterPlaylistKey("hls/" + videoId + "/master.m3u8").build()));
        awaitStatus(videoId, VideoStatus.VIDEO_STATUS_READY);
        return videoId;
    }

    /** Sends a whole file to a signed upload URL (as a browser would), at the upload-service actually running. */
    static void putBytes(String uploadServiceBaseUrl, String signedUrl, byte[] file) throws Exception {
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(signedUrl.replaceFirst("^https?://[^/]+", uploadServiceBaseUrl)))
                .header("Content-Range", "bytes 0-" + (file.length - 1) + "/" + file.length)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() / 100 != 2) {
            throw new AssertionError("PUT answered " + put.statusCode() + ": " + put.body());
        }
    }

    static void awaitStatus(String videoId, VideoStatus status) throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", UploadServiceResource.upload.port())
                .usePlaintext().build();
        try {
            // The playback view is internal: read it as streaming-service does, with its service token.
            Metadata service = new Metadata();
            service.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    "Bearer " + TestServiceIdentity.token("streaming-service", "upload"));
            var videos = VideoServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(service));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Video video;
            do {
                video = videos.getVideoForPlayback(GetVideoForPlaybackRequest.newBuilder().setVideoId(videoId).build());
                if (video.getStatus() == status) {
                    return;
                }
                Thread.sleep(50);
            } while (System.nanoTime() < deadline);
            throw new AssertionError("video " + videoId + " stayed " + video.getStatus());
        } finally {
            channel.shutdownNow();
        }
    }

    static void publish(EventEnvelope envelope) {
        new TopicProbe(Devstack.shared().settings().kafkaBootstrapServers())
                .publish(envelope.getEventType(), envelope.getAggregateKey(), envelope.toByteArray());
    }

    static Path hls(String videoId) {
        return UploadServiceResource.BLOBS.resolve("hls").resolve(videoId);
    }

    /** The one segment's bytes of a video made by {@link #ready}. */
    static byte[] segment(String videoId) {
        byte[] segment = new byte[SEGMENT_BYTES];
        new Random(videoId.hashCode()).nextBytes(segment);
        return segment;
    }

    /** Writes a small ladder and publishes it as transcode-service does, into streaming's blob store. */
    private static void writeHls(String videoId) throws Exception {
        Path out = Files.createTempDirectory(blobs.scratchDirectory(), "hls-");
        Path root = Files.createDirectories(out.resolve("240p"));
        Files.writeString(out.resolve(BlobKeys.MASTER_PLAYLIST), "#EXTM3U\n#EXT-X-VERSION:6\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=426x240,CODECS=\"avc1.64001e,mp4a.40.2\"\n240p/index.m3u8\n");
        Files.writeString(root.resolve(BlobKeys.MEDIA_PLAYLIST), "#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:4\n"
                + "#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:4.000000,\nseg_00000.ts\n#EXT-X-ENDLIST\n");
        Files.write(root.resolve("seg_00000.ts"), segment(videoId));
        Files.write(out.resolve(BlobKeys.POSTER), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        blobs.publishDirectory(out, BlobKeys.ladder(videoId), BlobKeys.publishedLast());
    }
}
