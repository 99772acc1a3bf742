package dev.videoplatform.upload;

import static dev.videoplatform.upload.UploadClient.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import dev.videoplatform.events.v1.AdminVideoBanned;
import dev.videoplatform.events.v1.AdminVideoUnbanned;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.RenditionOutput;
import dev.videoplatform.events.v1.VideoPublished;
import dev.videoplatform.events.v1.VideoTranscodeFailed;
import dev.videoplatform.events.v1.VideoTranscodeProgress;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.events.v1.VideoUpdated;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.upload.v1.BatchGetVideosRequest;
import dev.videoplatform.upload.v1.DeleteVideoRequest;
import dev.videoplatform.upload.v1.GetVideoForPlaybackRequest;
import dev.videoplatform.upload.v1.GetVideoRequest;
import dev.videoplatform.upload.v1.ListChannelVideosRequest;
import dev.videoplatform.upload.v1.UpdateVideoRequest;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.VideoStatusUpdate;
import dev.videoplatform.upload.v1.Visibility;
import dev.videoplatform.upload.v1.WatchVideoStatusRequest;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalog side of the saga and VideoService's visibility rules. */
@QuarkusTest
class VideoSagaTest {

    private UploadClient owner;

    @BeforeEach
    void open() {
        owner = UploadClient.newUser();
    }

    @AfterEach
    void close() {
        owner.close();
    }

    private static VideoTranscoded transcoded(String videoId) {
        return VideoTranscoded.newBuilder().setVideoId(videoId).setJobId(videoId).setAttempt(1)
                .addRenditions(RenditionOutput.newBuilder().setName("240p").setWidth(426).setHeight(240)
                        .setBandwidthBps(500_000).setCodecs("avc1.42c015,mp4a.40.2"))
                .setDuration(Duration.newBuilder().setSeconds(6)).setHlsPrefix("hls/" + videoId)
                .setPosterKey("hls/" + videoId + "/poster.jpg").build();
    }

    private Video awaitVideo(String videoId, Predicate<Video> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        Video video;
        do {
            video = owner.videos().getVideo(GetVideoRequest.newBuilder().setVideoId(videoId).build());
            if (condition.test(video)) {
                return video;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("video never reached the expected state: " + video);
    }

    @Test
    void transcodedMakesItReadyAndPublishesAPublicVideoOnce() throws Exception {
        Video video = owner.uploadVideo(Visibility.VISIBILITY_PUBLIC);
        EventEnvelope done = EventEnvelopes.wrap("transcode-service", video.getVideoId(), transcoded(video.getVideoId()));
        UploadClient.publish(done);
        UploadClient.publish(done); // redelivered
        Video ready = awaitVideo(video.getVideoId(), v -> v.getStatus() == VideoStatus.VIDEO_STATUS_READY);
        assertEquals(1, ready.getRenditionsCount());
        assertEquals(6, ready.getDuration().getSeconds());
        assertEquals("/stream/" + video.getVideoId() + "/poster.jpg", ready.getPosterUrl());
        assertTrue(ready.hasPublishTime());
        assertEquals(1, UploadClient.events("video.published",
                e -> EventEnvelopes.payload(e, VideoPublished.class).getVideoId().equals(video.getVideoId())).size());
        // A late failure does not move a READY video backwards.
        UploadClient.publish(EventEnvelopes.wrap("transcode-service", video.getVideoId(), VideoTranscodeFailed
                .newBuilder().setVideoId(video.getVideoId()).setReason("late").build()));
        Thread.sleep(500);
        assertEquals(VideoStatus.VIDEO_STATUS_READY, owner.videos().getVideo(GetVideoRequest.newBuilder()
                .setVideoId(video.getVideoId()).build()).getStatus());
    }

    @Test
    void aFailedTranscodeIsTheCompensation() throws Exception {
        Video video = owner.uploadVideo(Visibility.VISIBILITY_PUBLIC);
        UploadClient.publish(EventEnvelopes.wrap("transcode-service", video.getVideoId(), VideoTranscodeFailed
                .newBuilder().setVideoId(video.getVideoId()).setReason("no video stream in input").setRetriable(false).build()));
        Video failed = awaitVideo(video.getVideoId(), v -> v.getStatus() == VideoStatus.VIDEO_STATUS_FAILED);
        assertTrue(failed.getFailureReason().contains("no video stream in input"), failed.getFailureReason());
    }

    @Test
    void aRetriableFailureStartsTheNextAttemptUntilTheLastOne() throws Exception {
        Video video = owner.uploadVideo(Visibility.VISIBILITY_PUBLIC);
        Predicate<EventEnvelope> forVideo = e -> e.getAggregateKey().equals(video.getVideoId());
        VideoTranscodeRequested first = EventEnvelopes.payload(UploadClient.events("video.transcode", forVideo).get(0), VideoTranscodeRequested.class);
        UploadClient.publish(EventEnvelopes.wrap("transcode-service", video.getVideoId(), VideoTranscodeFailed.newBuilder()
                .setVideoId(video.getVideoId()).setJobId(first.getJobId()).setAttempt(1).setReason("worker stopped")
                .setRetriable(true).build()));
        List<VideoTranscodeRequested> requests = awaitRequests(forVideo, 2);
        VideoTranscodeRequested second = requests.get(1);
        assertEquals(2, second.getAttempt());
        assertFalse(second.getJobId().equals(first.getJobId()), "each attempt is a new job");
        assertEquals(first.getRenditionsList(), second.getRenditionsList());
        assertEquals("hls/" + video.getVideoId() + "/", second.getHlsPrefix());
        assertEquals(VideoStatus.VIDEO_STATUS_PROCESSING, owner.videos().getVideo(GetVideoRequest.newBuilder()
                .setVideoId(video.getVideoId()).build()).getStatus());

        UploadClient.publish(EventEnvelopes.wrap("transcode-service", video.getVideoId(), VideoTranscodeFailed.newBuilder()
                .setVideoId(video.getVideoId()).setJobId(second.getJobId()).setAttempt(3).setReason("disk full")
                .setRetriable(true).build()));
        Video failed = awaitVideo(video.getVideoId(), v -> v.getStatus() == VideoStatus.VIDEO_STATUS_FAILED);
        assertTrue(failed.getFailureReason().contains("disk full"), failed.getFailureReason());
        assertEquals(2, UploadClient.events("video.transcode", forVideo).size());
    }

    private static List<VideoTranscodeRequested> awaitRequests(Predicate<EventEnvelope> forVideo, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<EventEnvelope> found;
        do {
            found = UploadClient.events("video.transcode", forVideo);
            if (found.size() >= count) {
                return found.stream().map(e -> EventEnvelopes.payload(e, VideoTranscodeRequested.class)).toList();
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + count + " transcode requests, got " + found.size());
    }

    @Test
    void aBanHidesRenditionsUntilTheUnban() throws Exception {
        Video video = owner.uploadVideo(Visibility.VISIBILITY_PUBLIC);
        UploadClient.publish(EventEnvelopes.wrap("transcode-service", video.getVideoId(), transcoded(video.getVideoId())));
        awaitVideo(video.getVideoId(), v -> v.getStatus() == VideoStatus.VIDEO_STATUS_READY);
        UploadClient.publish(EventEnvelopes.wrap("admin-service", video.getVideoId(), AdminVideoBanned.newBuilder()
                .setVideoId(video.getVideoId()).setReason("copyright").build()));
        Video banned = awaitVideo(video.getVideoId(), v -> v.getStatus() == VideoStatus.VIDEO_STATUS_BANNED);
        assertEquals(0, banned.getRenditionsCount());
        assertEquals("copyright", banned.getFailureReason());
        UploadClient.publish(EventEnvelopes.wrap("admin-service", video.getVideoId(), AdminVideoUnbanned.newBuilder()
                .setVideoId(video.getVideoId()).build()));
        assertEquals(1, awaitVideo(video.getVideoId(), v -> v.getStatus() == VideoStatus.VIDEO_STATUS_READY)
                .getRenditionsCount());
    }

    @Test
    void aPrivateVideoIsOnlyForItsOwnerAndAdmins() throws Exception {
        Video video = owner.uploadVideo(Visibility.VISIBILITY_PRIVATE);
        GetVideoRequest get = GetVideoRequest.newBuilder().setVideoId(video.getVideoId()).build();
        try (UploadClient stranger = UploadClient.newUser();
                UploadClient admin = new UploadClient("admin-1", Set.of("user", "admin"))) {
            assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND", () -> stranger.videos().getVideo(get));
            assertEquals(List.of(video.getVideoId()), stranger.videos().batchGetVideos(BatchGetVideosRequest.newBuilder()
                    .addVideoIds(video.getVideoId()).build()).getMissingVideoIdsList());
            assertEquals(0, stranger.videos().listChannelVideos(ListChannelVideosRequest.newBuilder()
                    .setChannelId(owner.userId).build()).getVideosCount());
            assertEquals(video.getVideoId(), admin.videos().getVideo(get).getVideoId());
            // Streaming's internal view is unfiltered (it checks playback rights itself), so it
            // answers other services only: no token, any user's token, an admin's, are refused.
            GetVideoForPlaybackRequest forPlayback = GetVideoForPlaybackRequest.newBuilder().setVideoId(video.getVideoId()).build();
            assertStatus(Status.Code.UNAUTHENTICATED, "TOKEN_MISSING", () -> stranger.videosAnonymously().getVideoForPlayback(forPlayback));
            assertStatus(Status.Code.PERMISSION_DENIED, "SERVICE_ONLY", () -> stranger.videos().getVideoForPlayback(forPlayback));
            assertStatus(Status.Code.PERMISSION_DENIED, "SERVICE_ONLY", () -> owner.videos().getVideoForPlayback(forPlayback));
            assertStatus(Status.Code.PERMISSION_DENIED, "SERVICE_ONLY", () -> admin.videos().getVideoForPlayback(forPlayback));
            Video forStreaming = owner.videosAsService("streaming-service").getVideoForPlayback(forPlayback);
            assertEquals(Visibility.VISIBILITY_PRIVATE, forStreaming.getVisibility());
            assertEquals(owner.userId, forStreaming.getChannelId());
            assertStatus(Status.Code.NOT_FOUND, null, () -> stranger.videos().updateVideo(UpdateVideoRequest.newBuilder()
                    .setVideo(Video.newBuilder().setVideoId(video.getVideoId()).setTitle("mine now"))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("title")).build()));
        }
        assertEquals(1, owner.videos().listChannelVideos(ListChannelVideosRequest.newBuilder()
                .setChannelId(owner.userId).build()).getVideosCount());
        Video renamed = owner.videos().updateVideo(UpdateVideoRequest.newBuilder()
                .setVideo(Video.newBuilder().setVideoId(video.getVideoId()).setTitle("Renamed").addTags("Cats").addTags("cats"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("title").addPaths("tags")).build());
        assertEquals("Renamed", renamed.getTitle());
        assertEquals(List.of("cats"), renamed.getTagsList());
        assertEquals("Renamed", owner.videos().getVideo(get).getTitle(), "the cache was dropped on update");
    }

    @Test
    void deletingRemovesTheVideoAndItsBlobs() throws Exception {
        Video video = owner.uploadVideo(Visibility.VISIBILITY_PUBLIC);
        java.nio.file.Path raw = java.nio.file.Path.of("target/test-blobs/raw/" + video.getVideoId());
        assertTrue(java.nio.file.Files.exists(raw));
        owner.videos().deleteVideo(DeleteVideoRequest.newBuilder().setVideoId(video.getVideoId()).build());
        assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND",
                () -> owner.videos().getVideo(GetVideoRequest.newBuilder().setVideoId(video.getVideoId()).build()));
        assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND", () -> owner.videosAsService("streaming-service").getVideoForPlayback(
                GetVideoForPlaybackRequest.newBuilder().setVideoId(video.getVideoId()).build()));
        assertFalse(java.nio.file.Files.exists(raw));
    }

    @Test
    void watchVideoStatusStreamsTheTransitionsThenEnds() throws Exception {
        Video video = owner.uploadVideo(Visibility.VISIBILITY_UNLISTED);
        Iterator<VideoStatusUpdate> updates = owner.videos()
                .watchVideoStatus(WatchVideoStatusRequest.newBuilder().setVideoId(video.getVideoId()).build());
        List<VideoStatusUpdate> seen = new ArrayList<>();
        seen.add(updates.next());
        assertEquals(VideoStatus.VIDEO_STATUS_PROCESSING, seen.get(0).getStatus());
        UploadClient.publish(EventEnvelopes.wrap("transcode-service", video.getVideoId(), VideoTranscodeProgress
                .newBuilder().setVideoId(video.getVideoId()).setProgressPercent(40).build()));
        seen.add(updates.next());
        assertEquals(40, seen.get(1).getProgressPercent());
        UploadClient.publish(EventEnvelopes.wrap("transcode-service", video.getVideoId(), transcoded(video.getVideoId())));
        while (updates.hasNext()) {
            seen.add(updates.next());
        }
        VideoStatusUpdate last = seen.get(seen.size() - 1);
        assertEquals(VideoStatus.VIDEO_STATUS_READY, last.getStatus());
        assertEquals(100, last.getProgressPercent());
    }

    @Test
    void videoUpdatedCarriesThePosterAndWhenTheVideoChanged() throws Exception {
        Video video = owner.uploadVideo(Visibility.VISIBILITY_PUBLIC);
        UploadClient.publish(EventEnvelopes.wrap("transcode-service", video.getVideoId(), transcoded(video.getVideoId())));
        Video ready = awaitVideo(video.getVideoId(), v -> v.getStatus() == VideoStatus.VIDEO_STATUS_READY);
        owner.videos().updateVideo(dev.videoplatform.upload.v1.UpdateVideoRequest.newBuilder()
                .setVideo(ready.toBuilder().setTitle("a new title"))
                .setUpdateMask(com.google.protobuf.FieldMask.newBuilder().addPaths("title")).build());
        // Read models (search) show the poster and order copies by update_time.
        VideoUpdated renamed = UploadClient.events("video.updated", e -> e.getAggregateKey().equals(video.getVideoId())).stream()
                .map(e -> EventEnvelopes.payload(e, VideoUpdated.class)).filter(u -> u.getTitle().equals("a new title"))
                .findFirst().orElseThrow();
        assertEquals("/stream/" + video.getVideoId() + "/poster.jpg", renamed.getPosterUrl());
        assertTrue(renamed.hasUpdateTime() && renamed.getUpdateTime().getSeconds() >= ready.getUpdateTime().getSeconds(),
                renamed.getUpdateTime().toString());
    }

    @Test
    void moreStreamsThanRedisConnectionsAllSeeTheirVideoBecomeReady() throws Exception {
        // 8 users × 3 streams (the test cap per user): four times the Redis pool, of which each stream once held a connection.
        List<UploadClient> users = new ArrayList<>();
        List<Video> videos = new ArrayList<>();
        List<Iterator<VideoStatusUpdate>> streams = new ArrayList<>();
        try {
            for (int u = 0; u < 8; u++) {
                UploadClient user = UploadClient.newUser();
                users.add(user);
                Video video = user.uploadVideo(Visibility.VISIBILITY_UNLISTED);
                videos.add(video);
                for (int s = 0; s < 3; s++) {
                    Iterator<VideoStatusUpdate> stream = user.videos().withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
                            .watchVideoStatus(WatchVideoStatusRequest.newBuilder().setVideoId(video.getVideoId()).build());
                    assertEquals(VideoStatus.VIDEO_STATUS_PROCESSING, stream.next().getStatus());
                    streams.add(stream);
                }
            }
            for (Video video : videos) {
                UploadClient.publish(EventEnvelopes.wrap("transcode-service", video.getVideoId(), transcoded(video.getVideoId())));
            }
            for (Iterator<VideoStatusUpdate> stream : streams) {
                VideoStatusUpdate last = stream.next();
                while (stream.hasNext()) {
                    last = stream.next();
                }
                assertEquals(VideoStatus.VIDEO_STATUS_READY, last.getStatus());
            }
        } finally {
            users.forEach(UploadClient::close);
        }
    }

    @Test
    void aPublicVideoThatIsNotReadyIsOnlyForItsOwnerAndAdmins() throws Exception {
        Video video = owner.uploadVideo(Visibility.VISIBILITY_PUBLIC);
        GetVideoRequest get = GetVideoRequest.newBuilder().setVideoId(video.getVideoId()).build();
        try (UploadClient stranger = UploadClient.newUser();
                UploadClient admin = new UploadClient("admin-1", Set.of("user", "admin"))) {
            // The owner's read puts the video in the cache: the stranger's must not be served from it.
            assertEquals(VideoStatus.VIDEO_STATUS_PROCESSING, owner.videos().getVideo(get).getStatus());
            assertHidden(stranger, video.getVideoId());

            UploadClient.publish(EventEnvelopes.wrap("transcode-service", video.getVideoId(), VideoTranscodeFailed
                    .newBuilder().setVideoId(video.getVideoId()).setReason("ffmpeg: moov atom not found").build()));
            Video failed = awaitVideo(video.getVideoId(), v -> v.getStatus() == VideoStatus.VIDEO_STATUS_FAILED);
            assertTrue(failed.getFailureReason().contains("moov atom"), "the owner is told why");
            assertEquals(failed.getFailureReason(), admin.videos().getVideo(get).getFailureReason());
            assertHidden(stranger, video.getVideoId());
            assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND", () -> stranger.videos().watchVideoStatus(
                    WatchVideoStatusRequest.newBuilder().setVideoId(video.getVideoId()).build()).next());
        }
    }

    /** To {@code viewer} the video answers exactly as an id that never existed. */
    private void assertHidden(UploadClient viewer, String videoId) {
        String unknownId = "0190aaaa-0000-7000-8000-000000000000";
        StatusRuntimeException unknown = assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND",
                () -> viewer.videos().getVideo(GetVideoRequest.newBuilder().setVideoId(unknownId).build()));
        StatusRuntimeException hidden = assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND",
                () -> viewer.videos().getVideo(GetVideoRequest.newBuilder().setVideoId(videoId).build()));
        assertEquals(unknown.getStatus().getDescription().replace(unknownId, videoId), hidden.getStatus().getDescription());
        assertEquals(List.of(videoId), viewer.videos().batchGetVideos(BatchGetVideosRequest.newBuilder()
                .addVideoIds(videoId).build()).getMissingVideoIdsList());
        assertTrue(viewer.videos().listChannelVideos(ListChannelVideosRequest.newBuilder().setChannelId(owner.userId)
                .build()).getVideosList().stream().noneMatch(v -> v.getVideoId().equals(videoId)));
    }

    @Test
    void onlyTheOwnerMayWatchAndOnlySoManyStreamsAtOnce() throws Exception {
        Video video = owner.uploadVideo(Visibility.VISIBILITY_PUBLIC);
        UploadClient.publish(EventEnvelopes.wrap("transcode-service", video.getVideoId(), transcoded(video.getVideoId())));
        awaitVideo(video.getVideoId(), v -> v.getStatus() == VideoStatus.VIDEO_STATUS_READY);
        WatchVideoStatusRequest watch = WatchVideoStatusRequest.newBuilder().setVideoId(video.getVideoId()).build();
        try (UploadClient stranger = UploadClient.newUser()) {
            assertEquals(video.getVideoId(), stranger.videos().getVideo(GetVideoRequest.newBuilder()
                    .setVideoId(video.getVideoId()).build()).getVideoId(), "a public READY video is everyone's to read");
            assertStatus(Status.Code.NOT_FOUND, "VIDEO_NOT_FOUND", () -> stranger.videos().watchVideoStatus(watch).next());
        }

        Video processing = owner.uploadVideo(Visibility.VISIBILITY_PRIVATE);
        WatchVideoStatusRequest watchProcessing = WatchVideoStatusRequest.newBuilder().setVideoId(processing.getVideoId()).build();
        int cap = ConfigProvider.getConfig().getValue("videoplatform.upload.max-watch-streams-per-user", Integer.class);
        List<Context.CancellableContext> open = new ArrayList<>();
        try {
            for (int i = 0; i < cap; i++) {
                open.add(openWatch(owner, watchProcessing));
            }
            assertStatus(Status.Code.RESOURCE_EXHAUSTED, "TOO_MANY_WATCH_STREAMS",
                    () -> owner.videos().watchVideoStatus(watchProcessing).next());
            open.remove(0).cancel(null);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (true) {
                try {
                    open.add(openWatch(owner, watchProcessing));
                    break;
                } catch (StatusRuntimeException e) {
                    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
                    assertTrue(System.nanoTime() < deadline, "a closed stream gives its slot back");
                    Thread.sleep(50);
                }
            }
        } finally {
            open.forEach(context -> context.cancel(null));
        }
    }

    /** Opens a status stream that stays open (PROCESSING) until its context is cancelled. */
    private static Context.CancellableContext openWatch(UploadClient client, WatchVideoStatusRequest request) throws Exception {
        Context.CancellableContext context = Context.current().withCancellation();
        try {
            // A deadline, so that a stream that never answers fails the test instead of hanging it.
            VideoStatusUpdate first = context.call(() -> client.videos().withDeadlineAfter(60, java.util.concurrent.TimeUnit.SECONDS)
                    .watchVideoStatus(request).next());
            assertEquals(VideoStatus.VIDEO_STATUS_PROCESSING, first.getStatus());
            return context;
        } catch (RuntimeException e) {
            context.cancel(null);
            throw e;
        }
    }
}
