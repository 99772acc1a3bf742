package dev.videoplatform.notification;

import com.google.protobuf.Message;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.devstack.UserServiceResource;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.notification.v1.ListNotificationsRequest;
import dev.videoplatform.notification.v1.Notification;
import dev.videoplatform.notification.v1.NotificationServiceGrpc;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.user.v1.LoginRequest;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.SubscribeRequest;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The platform as the tests drive it: accounts and subscriptions in the real user-service, events
 * on the devstack's Kafka, and notification-service's API as a user calls it.
 */
final class Platform {

    private static final String PASSWORD = "correct horse battery staple";

    private Platform() {
    }

    /** A registered user: the id, user-service's own access token for them, and their email address. */
    record Member(String userId, String userServiceToken, String email) {

        /** notification-service as this user calls it (a token of the test identity, as the service trusts). */
        NotificationServiceGrpc.NotificationServiceBlockingStub notifications(ManagedChannel channel) {
            return NotificationServiceGrpc.newBlockingStub(channel).withInterceptors(asUser());
        }

        /** The same, for streams. */
        NotificationServiceGrpc.NotificationServiceStub notificationsAsync(ManagedChannel channel) {
            return NotificationServiceGrpc.newStub(channel).withInterceptors(asUser());
        }

        private ClientInterceptor asUser() {
            return MetadataUtils.newAttachHeadersInterceptor(bearer(TestIdentity.shared().token(userId, Set.of("user"))));
        }
    }

    static Member register() {
        return register(UserServiceResource.users());
    }

    /** A new account in {@code users}. */
    static Member register(ServiceProcess users) {
        ManagedChannel channel = channel(users.port());
        try {
            String username = "n" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            UserServiceGrpc.UserServiceBlockingStub accounts = UserServiceGrpc.newBlockingStub(channel);
            String id = accounts.register(RegisterRequest.newBuilder().setUsername(username)
                    .setEmail(username + "@example.com").setPassword(PASSWORD).build()).getUser().getUserId();
            String token = accounts.login(LoginRequest.newBuilder().setUsernameOrEmail(username).setPassword(PASSWORD).build())
                    .getAccessToken();
            return new Member(id, token, username + "@example.com");
        } finally {
            channel.shutdownNow();
        }
    }

    /** {@code count} new users subscribed to {@code channel}, in subscription order. */
    static List<Member> subscribers(Member channel, int count) {
        return subscribers(UserServiceResource.users(), channel, count);
    }

    /** The same, in {@code users}. */
    static List<Member> subscribers(ServiceProcess users, Member channel, int count) {
        List<Member> members = new ArrayList<>();
        ManagedChannel grpc = channel(users.port());
        try {
            for (int i = 0; i < count; i++) {
                Member fan = register(users);
                UserServiceGrpc.newBlockingStub(grpc).withInterceptors(
                                MetadataUtils.newAttachHeadersInterceptor(bearer(fan.userServiceToken())))
                        .subscribe(SubscribeRequest.newBuilder().setChannelId(channel.userId()).build());
                members.add(fan);
            }
            return members;
        } finally {
            grpc.shutdownNow();
        }
    }

    /** {@code fan} subscribes to {@code channel} in the shared user-service. */
    static void subscribe(Member fan, Member channel) {
        ManagedChannel grpc = channel(UserServiceResource.users().port());
        try {
            UserServiceGrpc.newBlockingStub(grpc).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                    bearer(fan.userServiceToken()))).subscribe(SubscribeRequest.newBuilder().setChannelId(channel.userId()).build());
        } finally {
            grpc.shutdownNow();
        }
    }

    /** Waits until the fan-out of the video.published {@code eventId} is finished (30 s at most). */
    static void awaitFanOut(Pool pool, String eventId) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            RowSet<Row> rows = pool.preparedQuery("SELECT finished_at IS NOT NULL FROM fanout_job WHERE event_id = $1")
                    .execute(Tuple.of(eventId)).await().indefinitely();
            if (rows.size() == 1 && rows.iterator().next().getBoolean(0)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("fan-out of " + eventId + " did not finish within 30 s");
    }

    static EventEnvelope publish(String aggregateKey, Message payload) {
        EventEnvelope envelope = EventEnvelopes.wrap("test", aggregateKey, payload);
        publish(envelope);
        return envelope;
    }

    static void publish(EventEnvelope envelope) {
        new TopicProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))
                .publish(envelope.getEventType(), envelope.getAggregateKey(), envelope.toByteArray());
    }

    /** The user's whole inbox, newest first, once {@code until} holds for it (or after 30 s). */
    static List<Notification> inboxWhen(Member member, ManagedChannel channel, Predicate<List<Notification>> until)
            throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<Notification> inbox;
        do {
            inbox = member.notifications(channel).listNotifications(ListNotificationsRequest.newBuilder()
                    .setPageSize(100).build()).getNotificationsList();
            if (until.test(inbox)) {
                return inbox;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return inbox;
    }

    static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    static ManagedChannel service() {
        return channel(ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class));
    }

    private static Metadata bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return headers;
    }
}
