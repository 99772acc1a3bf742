package dev.videoplatform.search;

import com.google.protobuf.FieldMask;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.events.v1.RenditionOutput;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.upload.v1.CompleteUploadRequest;
import dev.videoplatform.upload.v1.DeleteVideoRequest;
import dev.videoplatform.upload.v1.GetVideoRequest;
import dev.videoplatform.upload.v1.InitiateUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.UpdateVideoRequest;
import dev.videoplatform.upload.v1.UploadServiceGrpc;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import dev.videoplatform.user.v1.LoginRequest;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.UpdateProfileRequest;
import dev.videoplatform.user.v1.User;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Drives the real user- and upload-service as their users would: registers channels, renames
 * them, uploads videos (bytes through the signed PUT), "transcodes" them (the transcoder's event),
 * edits and deletes them. Their events reach search through Kafka like in production.
 */
final class CatalogServices implements AutoCloseable {

    private static final String PASSWORD = "a long password 1";

    private final ManagedChannel userChannel = ManagedChannelBuilder
            .forAddress("127.0.0.1", CatalogServicesResource.users.port()).usePlaintext().build();
    private final ManagedChannel uploadChannel = ManagedChannelBuilder
            .forAddress("127.0.0.1", CatalogServicesResource.upload.port()).usePlaintext().build();

    /** Registers a channel with a display name; returns it. */
    User register(String displayName) {
        String name = "ch" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return UserServiceGrpc.newBlockingStub(userChannel).register(RegisterRequest.newBuilder().setUsername(name)
                .setEmail(name + "@example.com").setPassword(PASSWORD).setDisplayName(displayName).build()).getUser();
    }

    void rename(User channel, String displayName) {
        String token = UserServiceGrpc.newBlockingStub(userChannel).login(LoginRequest.newBuilder()
                .setUsernameOrEmail(channel.getUsername()).setPassword(PASSWORD).build()).getAccessToken();
        bearer(UserServiceGrpc.newBlockingStub(userChannel), token).updateProfile(UpdateProfileRequest.newBuilder()
                .setUser(User.newBuilder().setUserId(channel.getUserId()).setDisplayName(displayName))
                .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build());
    }

    /** A video of {@code owner} uploaded and transcoded: READY once upload-service consumed the transcoder's event. */
    Video ready(User owner, Visibility visibility, String title, String description, String... tags) throws Exception {
        var uploads = bearer(UploadServiceGrpc.newBlockingStub(uploadChannel), token(owner));
        byte[] file = new byte[2048];
        InitiateUploadResponse session = uploads.initiateUpload(InitiateUploadRequest.newBuilder().setTitle(title)
                .setDescription(description).addAllTags(List.of(tags)).setSizeBytes(file.length)
                .setContentType("video/mp4").setVisibility(visibility).build());
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(session.getUploadUrl()
                        .replaceFirst("^https?://[^/]+", CatalogServicesResource.upload.baseUrl())))
                .header("Content-Range", "bytes 0-" + (file.length - 1) + "/" + file.length)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() / 100 != 2) {
            throw new AssertionError("PUT answered " + put.statusCode() + ": " + put.body());
        }
        String videoId = uploads.completeUpload(CompleteUploadRequest.newBuilder().setUploadId(session.getUploadId())
                .build()).getVideo().getVideoId();
        Catalog.resend(EventEnvelopes.wrap("transcode-service", videoId, VideoTranscoded.newBuilder().setVideoId(videoId)
                .setJobId(UUID.randomUUID().toString()).setAttempt(1)
                .addRenditions(RenditionOutput.newBuilder().setName("240p").setWidth(426).setHeight(240)
                        .setBandwidthBps(500_000).setCodecs("avc1.42c015,mp4a.40.2"))
                .setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(95)).setHlsPrefix("hls/" + videoId + "/")
                .setPosterKey("hls/" + videoId + "/poster.jpg").build()));
        return awaitReady(owner, videoId);
    }

    Video retitle(User owner, Video video, String title) {
        return videos(owner).updateVideo(UpdateVideoRequest.newBuilder().setVideo(video.toBuilder().setTitle(title))
                .setUpdateMask(FieldMask.newBuilder().addPaths("title")).build());
    }

    void delete(User owner, Video video) {
        videos(owner).deleteVideo(DeleteVideoRequest.newBuilder().setVideoId(video.getVideoId()).build());
    }

    private Video awaitReady(User owner, String videoId) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        Video video;
        do {
            video = videos(owner).getVideo(GetVideoRequest.newBuilder().setVideoId(videoId).build());
            if (video.getStatus() == VideoStatus.VIDEO_STATUS_READY) {
                return video;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("video " + videoId + " stayed " + video.getStatus());
    }

    private VideoServiceGrpc.VideoServiceBlockingStub videos(User owner) {
        return bearer(VideoServiceGrpc.newBlockingStub(uploadChannel), token(owner));
    }

    /** upload-service takes the test identity's tokens; the subject is the registered user. */
    private static String token(User owner) {
        return TestIdentity.shared().token(owner.getUserId(), Set.of("user"));
    }

    static <S extends AbstractStub<S>> S bearer(S stub, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Override
    public void close() {
        userChannel.shutdownNow();
        uploadChannel.shutdownNow();
    }
}
