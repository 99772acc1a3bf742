package dev.videoplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videoplatform.analytics.v1.AnalyticsServiceGrpc;
import dev.videoplatform.analytics.v1.RecordViewRequest;
import dev.videoplatform.analytics.v1.View;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.recommendation.v1.FeedItem;
import dev.videoplatform.recommendation.v1.FeedReason;
import dev.videoplatform.recommendation.v1.GetHomeFeedRequest;
import dev.videoplatform.recommendation.v1.GetRelatedRequest;
import dev.videoplatform.recommendation.v1.RecommendationServiceGrpc;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.user.v1.LoginRequest;
import dev.videoplatform.user.v1.LoginResponse;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.SubscribeRequest;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recommendations from the real pipeline: user-, upload-, transcode-, analytics- and
 * recommendation-service as processes on one devstack. Videos are uploaded and transcoded to
 * READY, views are reported through analytics' RecordView, subscriptions made in user-service:
 * two viewers who watch A then B make B related to A (watched together), and a subscriber's home
 * feed has the channel's new uploads.
 */
class RecommendationIT {

    private static final Path WORK = Path.of("target", "e2e-recommendation").toAbsolutePath();
    private static final Duration REACH = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery staple";
    private static final ProcessGroup PROCESSES = new ProcessGroup(WORK);
    private static ServiceProcess upload;
    private static Channel users;
    private static Channel videos;
    private static Channel analytics;
    private static Channel recommendations;

    @BeforeAll
    static void startServices() throws Exception {
        ServiceProcess userService = PROCESSES.startUserService("reco_users", Map.of());
        upload = PROCESSES.startUploadService("reco_videos");
        PROCESSES.start("transcode-service", PROCESSES.config());
        ServiceProcess analyticsService = PROCESSES.startAnalyticsService("reco_analytics");
        Map<String, String> recommendation = PROCESSES.config();
        // Short response caches, so a poll sees a change at once (the cache paths still run).
        recommendation.put("videoplatform.recommendation.caches.related", "200ms");
        recommendation.put("videoplatform.recommendation.caches.home-feed", "200ms");
        ServiceProcess recommendationService = PROCESSES.start("recommendation-service", recommendation);

        users = PROCESSES.channel(userService);
        videos = PROCESSES.channel(upload);
        analytics = PROCESSES.channel(analyticsService);
        recommendations = PROCESSES.channel(recommendationService);
    }

    @AfterAll
    static void stopServices() {
        PROCESSES.close();
    }

    @Test
    void watchedTogetherBecomesRelatedAndASubscriberSeesTheChannelsNewUploads() throws Exception {
        LoginResponse creator = signUp("creator");
        LoginResponse subscriber = signUp("fan");
        as(UserServiceGrpc.newBlockingStub(users), subscriber)
                .subscribe(SubscribeRequest.newBuilder().setChannelId(creator.getUser().getUserId()).build());
        // Both from one channel, so cold start would also list B for A: only the reason tells co-visitation.
        Video a = publish(creator, "Video A"), b = publish(creator, "Video B");
        for (LoginResponse viewer : List.of(signUp("viewer"), signUp("viewer"))) {
            watch(viewer, a);
            watch(viewer, b);
        }

        awaitAnswer("B related to A as watched together", () -> as(RecommendationServiceGrpc.newBlockingStub(recommendations), creator)
                .getRelated(GetRelatedRequest.newBuilder().setVideoId(a.getVideoId()).build()).getItemsList(),
                items -> reasonOf(items, b) == FeedReason.FEED_REASON_WATCHED_TOGETHER);
        List<FeedItem> home = awaitAnswer("the channel's uploads in the subscriber's home feed",
                () -> as(RecommendationServiceGrpc.newBlockingStub(recommendations), subscriber)
                        .getHomeFeed(GetHomeFeedRequest.newBuilder().build()).getItemsList(),
                items -> reasonOf(items, a) != null && reasonOf(items, b) != null);
        assertEquals(FeedReason.FEED_REASON_SUBSCRIPTION, reasonOf(home, a), home.toString());
        assertEquals(FeedReason.FEED_REASON_SUBSCRIPTION, reasonOf(home, b), home.toString());
    }

    private static FeedReason reasonOf(List<FeedItem> items, Video video) {
        return items.stream().filter(item -> item.getVideo().getVideoId().equals(video.getVideoId()))
                .map(FeedItem::getReason).findFirst().orElse(null);
    }

    private static LoginResponse signUp(String prefix) {
        String username = prefix + UUID.randomUUID().toString().substring(0, 8);
        UserServiceGrpc.newBlockingStub(users).register(RegisterRequest.newBuilder().setUsername(username)
                .setEmail(username + "@example.com").setPassword(PASSWORD).build());
        return UserServiceGrpc.newBlockingStub(users).login(LoginRequest.newBuilder().setUsernameOrEmail(username)
                .setPassword(PASSWORD).build());
    }

    private static Video publish(LoginResponse owner, String title) throws Exception {
        return Uploader.withToken(videos, owner.getAccessToken()).publish(WORK, upload, title);
    }

    /** One playback of {@code video} by {@code viewer}, reported as the player does. */
    private static void watch(LoginResponse viewer, Video video) {
        as(AnalyticsServiceGrpc.newBlockingStub(analytics), viewer).recordView(RecordViewRequest.newBuilder()
                .setView(View.newBuilder().setVideoId(video.getVideoId()).setSessionId(UUID.randomUUID().toString())
                        .setWatchDuration(com.google.protobuf.Duration.newBuilder().setSeconds(3)))
                .build());
    }

    private static <S extends AbstractStub<S>> S as(S stub, LoginResponse login) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + login.getAccessToken());
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** Polls {@code attempt} (a gRPC failure: not yet) until {@code until} holds, for at most {@link #REACH}. */
    private static <T> T awaitAnswer(String what, Supplier<T> attempt, Predicate<T> until) throws InterruptedException {
        long deadline = System.nanoTime() + REACH.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                T answer = attempt.get();
                if (until.test(answer)) {
                    return answer;
                }
                last = answer;
            } catch (StatusRuntimeException notYet) {
                last = notYet;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": not within " + REACH.toSeconds() + " s; last: " + last);
    }
}
