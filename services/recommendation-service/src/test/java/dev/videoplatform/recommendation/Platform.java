package dev.videoplatform.recommendation;

import com.google.protobuf.Message;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.devstack.UserServiceResource;
import dev.videoplatform.events.v1.AdminVideoBanned;
import dev.videoplatform.events.v1.AnalyticsViewEvent;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.EventVideoStatus;
import dev.videoplatform.events.v1.EventVisibility;
import dev.videoplatform.events.v1.VideoPublished;
import dev.videoplatform.events.v1.VideoUpdated;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.recommendation.v1.RecommendationServiceGrpc;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import dev.videoplatform.user.v1.LoginRequest;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.SubscribeRequest;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The platform as the tests drive it: catalog, views and bans as events, accounts and
 * subscriptions in the real user-service, and the service's API.
 */
final class Platform {

    private static final String PASSWORD = "correct horse battery staple";

    private Platform() {
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A PUBLIC READY video, published now: the event for the pool, the record for upload's BatchGetVideos. */
    static String publish(String channelId, String... tags) {
        String videoId = id("v");
        Instant now = Instant.now();
        ContractServers.CATALOG.put(videoId, Video.newBuilder().setVideoId(videoId).setChannelId(channelId)
                .setTitle("Video " + videoId).setPosterUrl("/posters/" + videoId).addAllTags(List.of(tags))
                .setVisibility(Visibility.VISIBILITY_PUBLIC).setStatus(VideoStatus.VIDEO_STATUS_READY)
                .setDuration(Durations.fromSeconds(60)).setPublishTime(Timestamps.fromMillis(now.toEpochMilli())).build());
        send(videoId, VideoPublished.newBuilder().setVideoId(videoId).setChannelId(channelId).setTitle("Video " + videoId)
                .addAllTags(List.of(tags)).setVisibility(EventVisibility.EVENT_VISIBILITY_PUBLIC)
                .setDuration(Durations.fromSeconds(60)).setPublishTime(Timestamps.fromMillis(now.toEpochMilli()))
                .setPosterUrl("/posters/" + videoId).build());
        return videoId;
    }

    static void makePrivate(String videoId, String channelId) {
        ContractServers.CATALOG.computeIfPresent(videoId, (id, video) -> video.toBuilder().setVisibility(Visibility.VISIBILITY_PRIVATE).build());
        send(videoId, VideoUpdated.newBuilder().setVideoId(videoId).setChannelId(channelId).setTitle("Video " + videoId)
                .setVisibility(EventVisibility.EVENT_VISIBILITY_PRIVATE).setStatus(EventVideoStatus.EVENT_VIDEO_STATUS_READY)
                .addChangedFields("visibility").build());
    }

    static void ban(String videoId, String channelId) {
        ContractServers.CATALOG.computeIfPresent(videoId, (id, video) -> video.toBuilder().setStatus(VideoStatus.VIDEO_STATUS_BANNED).build());
        send(videoId, AdminVideoBanned.newBuilder().setVideoId(videoId).setChannelId(channelId).setReason("test").build());
    }

    /** An account in the real user-service: its id and user-service's access token for it. */
    record Account(String userId, String token) {
    }

    static Account register() {
        ManagedChannel users = ManagedChannelBuilder.forAddress("127.0.0.1", UserServiceResource.users().port()).usePlaintext().build();
        try {
            String name = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            UserServiceGrpc.UserServiceBlockingStub accounts = UserServiceGrpc.newBlockingStub(users);
            String userId = accounts.register(RegisterRequest.newBuilder().setUsername(name).setEmail(name + "@example.com")
                    .setPassword(PASSWORD).build()).getUser().getUserId();
            return new Account(userId, accounts.login(LoginRequest.newBuilder().setUsernameOrEmail(name).setPassword(PASSWORD)
                    .build()).getAccessToken());
        } finally {
            users.shutdownNow();
        }
    }

    /** Subscribes through user-service, as the subscriber: user-service then sends {@code user.subscribed}. */
    static void subscribe(Account subscriber, String channelId) {
        ManagedChannel users = ManagedChannelBuilder.forAddress("127.0.0.1", UserServiceResource.users().port()).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + subscriber.token());
            UserServiceGrpc.newBlockingStub(users).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .subscribe(SubscribeRequest.newBuilder().setChannelId(channelId).build());
        } finally {
            users.shutdownNow();
        }
    }

    /** One view report of {@code viewerId} watching {@code videoId} at {@code at}; the envelope as sent. */
    static EventEnvelope view(String viewerId, String videoId, Instant at) {
        return send(videoId, AnalyticsViewEvent.newBuilder().setViewId(id("view")).setVideoId(videoId).setViewerId(viewerId)
                .setSessionId(id("s")).setWatchDuration(Durations.fromSeconds(30))
                .setViewTime(Timestamps.fromMillis(at.toEpochMilli())).build());
    }

    static EventEnvelope send(String key, Message payload) {
        EventEnvelope envelope = EventEnvelopes.wrap("test", key, payload);
        resend(envelope);
        return envelope;
    }

    /** Publishes an envelope (again): what a redelivery looks like to the consumer. */
    static void resend(EventEnvelope envelope) {
        new TopicProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))
                .publish(envelope.getEventType(), envelope.getAggregateKey(), envelope.toByteArray());
    }

    static ManagedChannel channel() {
        return ManagedChannelBuilder.forAddress("127.0.0.1",
                ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class)).usePlaintext().build();
    }

    static RecommendationServiceGrpc.RecommendationServiceBlockingStub anonymous(ManagedChannel channel) {
        return RecommendationServiceGrpc.newBlockingStub(channel);
    }

    static RecommendationServiceGrpc.RecommendationServiceBlockingStub as(ManagedChannel channel, String userId) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + TestIdentity.shared().token(userId, Set.of("user")));
        return RecommendationServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** {@code read}'s value once {@code until} holds for it, or the last one after 30 s. */
    static <T> T await(Supplier<T> read, Predicate<T> until) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        T value;
        do {
            value = read.get();
            if (until.test(value)) {
                return value;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return value;
    }
}
