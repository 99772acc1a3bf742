package dev.videoplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.admin.v1.AdminServiceGrpc;
import dev.videoplatform.analytics.v1.AnalyticsServiceGrpc;
import dev.videoplatform.analytics.v1.GetTrendingRequest;
import dev.videoplatform.analytics.v1.RecordViewRequest;
import dev.videoplatform.analytics.v1.TrendingWindow;
import dev.videoplatform.analytics.v1.View;
import dev.videoplatform.admin.v1.BanVideoRequest;
import dev.videoplatform.admin.v1.ReinstateUserRequest;
import dev.videoplatform.admin.v1.SuspendUserRequest;
import dev.videoplatform.admin.v1.UnbanVideoRequest;
import dev.videoplatform.comment.v1.AddCommentRequest;
import dev.videoplatform.comment.v1.Comment;
import dev.videoplatform.comment.v1.CommentServiceGrpc;
import dev.videoplatform.comment.v1.ListCommentsRequest;
import dev.videoplatform.devstack.GrpcReflection;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.search.v1.SearchRequest;
import dev.videoplatform.search.v1.SearchResult;
import dev.videoplatform.search.v1.SearchServiceGrpc;
import dev.videoplatform.upload.v1.GetVideoRequest;
import dev.videoplatform.upload.v1.ListChannelVideosRequest;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.user.v1.LoginRequest;
import dev.videoplatform.user.v1.LoginResponse;
import dev.videoplatform.user.v1.RefreshRequest;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Every surface obeys" admin's decisions: user-, upload-, transcode-, streaming-, search-,
 * comment- and admin-service as processes on one devstack, with real accounts (tokens signed by
 * user-service, the first admin granted from config), and analytics-service for trending. A ban
 * reaches the catalog, playback, search, comments and trending within 2 s and an un-ban brings all of it back; a suspension locks the user out
 * (login, refresh, live tokens within 1 s) and hides their videos and comments; reinstatement
 * restores them.
 */
class ModerationIT {

    private static final Path WORK = Path.of("target", "e2e-moderation").toAbsolutePath();
    private static final Duration BAN_REACH = Duration.ofSeconds(2);
    private static final Duration TOKEN_REACH = Duration.ofSeconds(1);
    private static final String PASSWORD = "correct horse battery staple";
    private static final ProcessGroup PROCESSES = new ProcessGroup(WORK);
    private static LoginResponse moderator;
    private static ServiceProcess upload;
    private static ServiceProcess streaming;
    private static ServiceProcess transcodeService;
    private static ServiceProcess searchService;
    private static Channel users;
    private static Channel videos;
    private static Channel search;
    private static Channel comments;
    private static Channel admin;
    private static Channel analytics;

    @BeforeAll
    static void startServices() throws Exception {
        String adminName = "moderator" + UUID.randomUUID().toString().substring(0, 8);
        ServiceProcess userService = PROCESSES.startUserService("mod_users", Map.of("videoplatform.user.admins", adminName));
        upload = PROCESSES.startUploadService("mod_videos");
        Map<String, String> transcode = PROCESSES.config();
        transcode.put("videoplatform.transcode.progress-interval", "500ms");
        transcodeService = PROCESSES.start("transcode-service", transcode);
        Map<String, String> streams = PROCESSES.config();
        streams.put("videoplatform.streaming.playback-token-secret", "e2e-playback-secret");
        streaming = PROCESSES.start("streaming-service", streams);
        searchService = PROCESSES.start("search-service", PROCESSES.config("mod_search"));
        ServiceProcess commentService = PROCESSES.start("comment-service", PROCESSES.config("mod_comments"));
        ServiceProcess adminService = PROCESSES.start("admin-service", PROCESSES.config("mod_admin"));
        ServiceProcess analyticsService = PROCESSES.startAnalyticsService("mod_analytics");

        users = PROCESSES.channel(userService);
        videos = PROCESSES.channel(upload);
        search = PROCESSES.channel(searchService);
        comments = PROCESSES.channel(commentService);
        admin = PROCESSES.channel(adminService);
        analytics = PROCESSES.channel(analyticsService);
        moderator = signUp(adminName);
    }

    @AfterAll
    static void stopServices() {
        PROCESSES.close();
    }

    /** The internal contracts too (the client-facing ones: NoServerErrorsIT): grpcurl reaches the admin RPCs. */
    @Test
    void internalContractsAreListedToAReflectionClient() throws Exception {
        Set<String> transcodeLists = GrpcReflection.services(transcodeService);
        assertTrue(transcodeLists.contains("videoplatform.transcode.v1.TranscodeAdmin"), "transcode-service lists " + transcodeLists);
        Set<String> searchLists = GrpcReflection.services(searchService);
        assertTrue(searchLists.contains("videoplatform.search.v1.SearchAdmin"), "search-service lists " + searchLists);
    }

    @Test
    void aBanReachesEverySurfaceWithinTwoSecondsAndAnUnbanRestoresIt() throws Exception {
        assertTrue(moderator.getUser().getRolesList().toString().contains("ADMIN"), moderator.getUser().toString());
        LoginResponse owner = signUp("owner" + UUID.randomUUID().toString().substring(0, 8));
        LoginResponse viewer = signUp("viewer" + UUID.randomUUID().toString().substring(0, 8));
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Video video = publish(owner, "Ban me " + word);
        Comment comment = comment(viewer, video, "first!");
        assertVisibleEverywhere(video, word, comment, Duration.ofSeconds(30));
        AnalyticsServiceGrpc.newBlockingStub(analytics).recordView(RecordViewRequest.newBuilder().setView(View.newBuilder()
                .setVideoId(video.getVideoId()).setSessionId(UUID.randomUUID().toString())).build());
        await(Duration.ofSeconds(30), "trending", () -> trending(video));

        BanVideoRequest ban = BanVideoRequest.newBuilder().setVideoId(video.getVideoId()).setReason("policy breach")
                .setRequestId(UUID.randomUUID().toString()).build();
        retried("ban", () -> moderation().banVideo(ban));
        await(BAN_REACH, "catalog BANNED", () -> status(video) == VideoStatus.VIDEO_STATUS_BANNED);
        await(BAN_REACH, "playback 410", () -> playback(video) == 410);
        await(BAN_REACH, "gone from search", () -> !found(word, video));
        await(BAN_REACH, "comments hidden", () -> !listed(video, comment));
        await(BAN_REACH, "gone from trending", () -> !trending(video));

        UnbanVideoRequest unban = UnbanVideoRequest.newBuilder().setVideoId(video.getVideoId()).setReason("appeal upheld")
                .setRequestId(UUID.randomUUID().toString()).build();
        retried("unban", () -> moderation().unbanVideo(unban));
        assertVisibleEverywhere(video, word, comment, BAN_REACH);
        await(BAN_REACH, "back in trending", () -> trending(video));
    }

    @Test
    void aSuspensionLocksTheUserOutAndHidesTheirWorkUntilReinstated() throws Exception {
        String username = "suspect" + UUID.randomUUID().toString().substring(0, 8);
        LoginResponse suspect = signUp(username);
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Video video = publish(suspect, "Suspend me " + word);
        Comment comment = comment(suspect, video, "my own words");
        assertVisibleEverywhere(video, word, comment, Duration.ofSeconds(30));

        SuspendUserRequest suspend = SuspendUserRequest.newBuilder().setUserId(suspect.getUser().getUserId())
                .setReason("harassment").setRequestId(UUID.randomUUID().toString()).build();
        retried("suspend", () -> moderation().suspendUser(suspend));
        await(TOKEN_REACH, "live access token refused", () -> refused(suspect.getAccessToken()));
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> login(username)), "login of a suspended user");
        assertTrue(code(() -> UserServiceGrpc.newBlockingStub(users).refresh(RefreshRequest.newBuilder()
                .setRefreshToken(suspect.getRefreshToken()).build())) != Status.Code.OK, "refresh of a suspended user");
        await(BAN_REACH, "their videos gone from search", () -> !found(word, video));
        await(BAN_REACH, "their channel listing empty", () -> !channelLists(video));
        await(BAN_REACH, "their comments hidden", () -> !listed(video, comment));

        ReinstateUserRequest reinstate = ReinstateUserRequest.newBuilder().setUserId(suspect.getUser().getUserId())
                .setReason("appeal upheld").setRequestId(UUID.randomUUID().toString()).build();
        retried("reinstate", () -> moderation().reinstateUser(reinstate));
        LoginResponse back = awaitAnswer(BAN_REACH, "login after reinstatement", () -> login(username));
        await(TOKEN_REACH, "a new token works", () -> !refused(back.getAccessToken()));
        assertVisibleEverywhere(video, word, comment, BAN_REACH);
    }

    private static LoginResponse signUp(String username) {
        UserServiceGrpc.newBlockingStub(users).register(RegisterRequest.newBuilder().setUsername(username)
                .setEmail(username + "@example.com").setPassword(PASSWORD).setDisplayName(username).build());
        return login(username);
    }

    private static LoginResponse login(String username) {
        return UserServiceGrpc.newBlockingStub(users).login(LoginRequest.newBuilder().setUsernameOrEmail(username)
                .setPassword(PASSWORD).build());
    }

    /** Uploads a real clip as {@code owner}, PUBLIC, and waits until it is READY. */
    private static Video publish(LoginResponse owner, String title) throws Exception {
        return Uploader.withToken(videos, owner.getAccessToken()).publish(WORK, upload, title);
    }

    private static Comment comment(LoginResponse author, Video video, String text) {
        AddCommentRequest request = AddCommentRequest.newBuilder().setVideoId(video.getVideoId()).setText(text)
                .setRequestId(UUID.randomUUID().toString()).build();
        return retried("comment", () -> as(CommentServiceGrpc.newBlockingStub(comments), author).addComment(request)
                .getComment());
    }

    private static AdminServiceGrpc.AdminServiceBlockingStub moderation() {
        return as(AdminServiceGrpc.newBlockingStub(admin), moderator);
    }

    /**
     * A write as a client app makes it: UNAVAILABLE (a cold service's first call to its owner
     * may miss its one-second timeout on this busy machine) is retried with the same request id,
     * which makes the retry safe. Any other error fails at once.
     */
    private static <T> T retried(String what, Supplier<T> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return call.get();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || System.nanoTime() > deadline) {
                    throw new AssertionError(what + " failed", e);
                }
            }
        }
    }

    private static void assertVisibleEverywhere(Video video, String word, Comment comment, Duration within) {
        await(within, "catalog READY", () -> status(video) == VideoStatus.VIDEO_STATUS_READY);
        await(within, "playback 200", () -> playback(video) == 200);
        await(within, "found by search", () -> found(word, video));
        await(within, "on its channel's page", () -> channelLists(video));
        await(within, "comment listed", () -> listed(video, comment));
    }

    /** The video's status in the catalog, as an admin sees it (others see a banned video as NOT_FOUND). */
    private static VideoStatus status(Video video) {
        return as(VideoServiceGrpc.newBlockingStub(videos), moderator).getVideo(GetVideoRequest.newBuilder().setVideoId(video.getVideoId()).build())
                .getStatus();
    }

    private static int playback(Video video) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(streaming.baseUrl() + "/stream/"
                    + video.getVideoId() + "/master.m3u8")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean found(String word, Video video) {
        return SearchServiceGrpc.newBlockingStub(search).search(SearchRequest.newBuilder().setQuery(word).build())
                .getResultsList().stream().map(SearchResult::getVideoId).anyMatch(video.getVideoId()::equals);
    }

    /** Whether the video is on the first page of today's trending list. */
    private static boolean trending(Video video) {
        return AnalyticsServiceGrpc.newBlockingStub(analytics).getTrending(GetTrendingRequest.newBuilder()
                .setWindow(TrendingWindow.TRENDING_WINDOW_DAY).setPageSize(100).build()).getVideosList().stream()
                .anyMatch(v -> v.getVideoId().equals(video.getVideoId()));
    }

    /** Whether strangers see the video on its channel's page. */
    private static boolean channelLists(Video video) {
        return VideoServiceGrpc.newBlockingStub(videos).listChannelVideos(ListChannelVideosRequest.newBuilder()
                .setChannelId(video.getChannelId()).build()).getVideosList().stream()
                .anyMatch(v -> v.getVideoId().equals(video.getVideoId()));
    }

    /** Whether anonymous readers see {@code comment} on the video's first page. */
    private static boolean listed(Video video, Comment comment) {
        try {
            return CommentServiceGrpc.newBlockingStub(comments).listComments(ListCommentsRequest.newBuilder()
                    .setVideoId(video.getVideoId()).build()).getCommentsList().stream()
                    .anyMatch(c -> c.getCommentId().equals(comment.getCommentId()));
        } catch (StatusRuntimeException hidden) {
            return false;
        }
    }

    /** Whether a signed-in call with {@code accessToken} is turned away (comment-service's AddComment, no video). */
    private static boolean refused(String accessToken) {
        Status.Code code = code(() -> as(CommentServiceGrpc.newBlockingStub(comments), accessToken)
                .addComment(AddCommentRequest.newBuilder().setVideoId(UUID.randomUUID().toString()).setText("probe").build()));
        return code == Status.Code.PERMISSION_DENIED || code == Status.Code.UNAUTHENTICATED;
    }

    private static Status.Code code(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private static <S extends AbstractStub<S>> S as(S stub, LoginResponse login) {
        return as(stub, login.getAccessToken());
    }

    private static <S extends AbstractStub<S>> S as(S stub, String accessToken) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + accessToken);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static void await(Duration within, String what, BooleanSupplier condition) {
        awaitAnswer(within, what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /** Polls {@code attempt} (null or a gRPC failure: not yet) until it answers, for at most {@code within}. */
    private static <T> T awaitAnswer(Duration within, String what, Supplier<T> attempt) {
        long deadline = System.nanoTime() + within.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T answer = attempt.get();
                if (answer != null) {
                    return answer;
                }
            } catch (StatusRuntimeException notYet) {
                last = notYet;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + within.toMillis() + " ms", last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
