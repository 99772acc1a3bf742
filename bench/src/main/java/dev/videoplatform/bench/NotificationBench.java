package dev.videoplatform.bench;

import com.google.protobuf.Timestamp;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TestServiceIdentity;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.VideoPublished;
import dev.videoplatform.notification.v1.NotificationServiceGrpc;
import dev.videoplatform.notification.v1.StreamNotificationsRequest;
import dev.videoplatform.notification.v1.StreamNotificationsResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * notification-service's fan-out and streams (issue 21). user-service and notification-service
 * from their production jars on the bench devstack; a channel with SUBSCRIBERS subscribers and
 * another with the CLIENTS first of them are seeded into user-service's tables. Then:
 * <ol>
 * <li>one {@code video.published} of the large channel (fan-out on write: the threshold is set
 * above it) → the time until every inbox row is written, as notifications/s;</li>
 * <li>beside it, in the same run and table, a plain batched INSERT of the same number of rows
 * (one statement and one transaction per 1,000, as the fan-out's pages) over JDBC;</li>
 * <li>CLIENTS connected StreamNotifications, then one {@code video.published} of the small
 * channel → the time from publishing to each stream's message, p50 and p99.</li>
 * </ol>
 *
 * <p>Arguments: work-dir pg-port kafka-bootstrap redis-port subscribers clients.
 */
public final class NotificationBench {

    private static final int PAGE = 1000;
    private static final int CONNECTIONS = 20;

    private NotificationBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int pgPort = Integer.parseInt(args[1]);
        String kafka = args[2];
        int redisPort = Integer.parseInt(args[3]);
        int subscribers = Integer.parseInt(args[4]);
        int clients = Math.min(Integer.parseInt(args[5]), subscribers);
        try (ServiceProcess users = ServiceProcess.start(Path.of("services/user-service/target/quarkus-app/quarkus-run.jar"),
                        userConfig(work, pgPort, kafka, redisPort), work.resolve("user.log"));
                ServiceProcess notifications = ServiceProcess.start(
                        Path.of("services/notification-service/target/quarkus-app/quarkus-run.jar"),
                        notificationConfig(pgPort, kafka, redisPort, users.port(), subscribers), work.resolve("notification.log"));
                Connection usersDb = connect(pgPort, "users");
                Connection inboxDb = connect(pgPort, "notifications")) {
            String big = id("channel-big");
            String small = id("channel-small");
            String[] fans = fans(subscribers);
            seed(usersDb, big, small, fans, clients);
            System.out.printf(Locale.ROOT, "# %d subscribers (fan-out on write, pages of %d), %d stream clients%n",
                    subscribers, PAGE, clients);

            EventEnvelope bigVideo = published(big);
            long start = System.nanoTime();
            publish(kafka, bigVideo);
            awaitRows(inboxDb, bigVideo.getEventId(), subscribers);
            double fanOutSeconds = (System.nanoTime() - start) / 1e9;
            double plainSeconds = plainInsert(inboxDb, fans);
            System.out.printf(Locale.ROOT, "fan-out on write     %,d rows in %.2f s = %,.0f notifications/s (publish to last row)%n",
                    subscribers, fanOutSeconds, subscribers / fanOutSeconds);
            System.out.printf(Locale.ROOT, "plain batched INSERT %,d rows in %.2f s = %,.0f rows/s%n",
                    subscribers, plainSeconds, subscribers / plainSeconds);
            System.out.printf(Locale.ROOT, "fan-out / plain INSERT = %.0f %% (goal >= 50 %%)%n",
                    100 * plainSeconds / fanOutSeconds);

            streams(notifications.port(), kafka, small, Arrays.copyOf(fans, clients));
        }
        System.exit(0); // the test identity's JWKS server would keep the JVM up
    }

    private static Map<String, String> userConfig(Path work, int pgPort, String kafka, int redisPort) {
        Map<String, String> config = database(pgPort, "users", kafka, redisPort);
        config.put("videoplatform.user.signing-key.location", work.resolve("user-key.pem").toString());
        config.put("videoplatform.user.signing-key.generate-if-missing", "true");
        return config;
    }

    private static Map<String, String> notificationConfig(int pgPort, String kafka, int redisPort, int usersPort,
            int subscribers) {
        Map<String, String> config = database(pgPort, "notifications", kafka, redisPort);
        config.put("videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl());
        config.put("quarkus.grpc.clients.user.host", "127.0.0.1");
        config.put("quarkus.grpc.clients.user.port", Integer.toString(usersPort));
        config.put("videoplatform.notification.fanout.read-above", Integer.toString(subscribers * 10));
        config.put("quarkus.mailer.mock", "true");
        return config;
    }

    private static Map<String, String> database(int pgPort, String database, String kafka, int redisPort) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "");
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database);
        config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + pgPort + "/" + database);
        config.put("kafka.bootstrap.servers", kafka);
        config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + redisPort);
        config.put("videoplatform.page-token.secret", "bench");
        config.put("videoplatform.service-identity.key", TestServiceIdentity.key());
        config.put("videoplatform.rate-limit.enabled", "false");
        config.put("quarkus.otel.sdk.disabled", "true");
        config.put("quarkus.log.level", "WARN");
        return config;
    }

    private static Connection connect(int pgPort, String database) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database, "postgres", "");
    }

    /** A stable user id (UUID text) for a name. */
    private static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes()).toString();
    }

    /** The ids of accounts "fan-1".."fan-N". */
    private static String[] fans(int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = id("fan-" + (i + 1));
        }
        return ids;
    }

    /** The fans, all subscribed to {@code big} in order, the first {@code clients} also to {@code small}. */
    private static void seed(Connection db, String big, String small, String[] fans, int clients) throws Exception {
        try (Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO users (id, username, email, display_name, password_hash) VALUES"
                    + " ('" + big + "', 'benchbig', 'big@bench.test', 'Big', 'x'),"
                    + " ('" + small + "', 'benchsmall', 'small@bench.test', 'Small', 'x')");
            sql.execute("UPDATE users SET subscriber_count = " + fans.length + " WHERE id = '" + big + "'");
            sql.execute("UPDATE users SET subscriber_count = " + clients + " WHERE id = '" + small + "'");
        }
        try (PreparedStatement accounts = db.prepareStatement("INSERT INTO users (id, username, email, display_name,"
                        + " password_hash) SELECT f.id, 'fan' || f.n, 'fan' || f.n || '@bench.test', 'Fan ' || f.n, 'x'"
                        + " FROM unnest(?::text[]) WITH ORDINALITY AS f(id, n)");
                PreparedStatement follows = db.prepareStatement("INSERT INTO subscriptions (subscriber_id, channel_id,"
                        + " created_at) SELECT f.id, ?, now() - interval '1 hour' + f.n * interval '1 microsecond'"
                        + " FROM unnest(?::text[]) WITH ORDINALITY AS f(id, n)")) {
            accounts.setArray(1, db.createArrayOf("text", fans));
            accounts.executeUpdate();
            follows.setString(1, big);
            follows.setArray(2, db.createArrayOf("text", fans));
            follows.executeUpdate();
            follows.setString(1, small);
            follows.setArray(2, db.createArrayOf("text", Arrays.copyOf(fans, clients)));
            follows.executeUpdate();
        }
    }

    private static EventEnvelope published(String channel) {
        String videoId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return EventEnvelope.newBuilder().setEventId(UUID.randomUUID().toString()).setEventType("video.published")
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setProducer("bench").setAggregateKey(videoId)
                .setVideoPublished(VideoPublished.newBuilder().setVideoId(videoId).setChannelId(channel)
                        .setTitle("Bench video").setDescription("Fan-out benchmark"))
                .build();
    }

    private static void publish(String kafka, EventEnvelope envelope) {
        new TopicProbe(kafka).publish(envelope.getEventType(), envelope.getAggregateKey(), envelope.toByteArray());
    }

    private static void awaitRows(Connection db, String sourceKey, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM notification WHERE source_key = ?")) {
            count.setString(1, sourceKey);
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) >= expected) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the fan-out did not finish within 10 minutes");
    }

    /** The same rows as the fan-out (new ids, another source key), one INSERT and commit per page; seconds taken. */
    private static double plainInsert(Connection db, String[] fans) throws Exception {
        String sourceKey = UUID.randomUUID().toString();
        db.setAutoCommit(true);
        long start = System.nanoTime();
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO notification (id, recipient_id, source_key, kind,"
                + " title, body, video_id, comment_id, actor_id, created_at)"
                + " SELECT r.id, r.recipient_id, ?, 1, 'New video: Bench video', 'Fan-out benchmark', 'plain-video', '',"
                + " 'plain-channel', now() FROM unnest(?::text[], ?::text[]) AS r(id, recipient_id)"
                + " ON CONFLICT (source_key, recipient_id) DO NOTHING")) {
            for (int from = 0; from < fans.length; from += PAGE) {
                String[] recipients = Arrays.copyOfRange(fans, from, Math.min(fans.length, from + PAGE));
                String[] ids = new String[recipients.length];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = UUID.randomUUID().toString();
                }
                insert.setString(1, sourceKey);
                insert.setArray(2, db.createArrayOf("text", ids));
                insert.setArray(3, db.createArrayOf("text", recipients));
                insert.executeUpdate();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** {@code fans} connected; one video of {@code channel} (which they follow) → publish-to-message latency per stream. */
    private static void streams(int port, String kafka, String channel, String[] fans) throws Exception {
        List<ManagedChannel> connections = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            connections.add(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
        }
        CountDownLatch connected = new CountDownLatch(fans.length);
        CountDownLatch delivered = new CountDownLatch(fans.length);
        long[] arrivals = new long[fans.length];
        List<io.grpc.Context.CancellableContext> calls = new ArrayList<>();
        try {
            for (int i = 0; i < fans.length; i++) {
                int client = i;
                Metadata auth = new Metadata();
                auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                        "Bearer " + TestIdentity.shared().token(fans[i], Set.of("user")));
                var stub = NotificationServiceGrpc.newStub(connections.get(i % CONNECTIONS))
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
                io.grpc.Context.CancellableContext call = io.grpc.Context.current().withCancellation();
                calls.add(call);
                call.run(() -> stub.streamNotifications(StreamNotificationsRequest.getDefaultInstance(),
                        new StreamObserver<StreamNotificationsResponse>() {
                            private boolean first = true;

                            @Override
                            public void onNext(StreamNotificationsResponse message) {
                                if (first) {
                                    first = false;
                                    connected.countDown();
                                } else if (message.hasNotification() && arrivals[client] == 0) {
                                    arrivals[client] = System.nanoTime();
                                    delivered.countDown();
                                }
                            }

                            @Override
                            public void onError(Throwable t) {
                                if (io.grpc.Status.fromThrowable(t).getCode() != io.grpc.Status.Code.CANCELLED) {
                                    System.err.println("stream " + client + " failed: " + t); // not our own cancel at the end
                                }
                            }

                            @Override
                            public void onCompleted() {
                            }
                        }));
            }
            if (!connected.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException((connected.getCount()) + " streams did not start");
            }
            EventEnvelope video = published(channel);
            long start = System.nanoTime();
            publish(kafka, video);
            boolean all = delivered.await(2, TimeUnit.MINUTES);
            long[] millis = Arrays.stream(arrivals).filter(t -> t != 0).map(t -> (t - start) / 1_000_000).sorted().toArray();
            System.out.printf(Locale.ROOT, "stream delivery      %d of %d streams, publish to message p50 %d ms, p99 %d ms%s%n",
                    millis.length, fans.length, millis[millis.length / 2], millis[(int) Math.ceil(millis.length * 0.99) - 1],
                    all ? "" : " (the rest not within 2 minutes)");
        } finally {
            calls.forEach(call -> call.cancel(null));
            connections.forEach(ManagedChannel::shutdownNow);
        }
    }
}
