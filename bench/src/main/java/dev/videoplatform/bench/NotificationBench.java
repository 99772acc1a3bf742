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
import java.util.stream.IntStream;

/**
 * notification-service's fan-out and streams (issue 21). user-service and notification-service
 * from their production jars on the bench devstack; a channel with SUBSCRIBERS subscribers and
 * another with the CLIENTS first of them are seeded into user-service's tables, and PUSH_SHARE %
 * of the subscribers get a registered push device. Then ROUNDS paired rounds, each of:
 * <ol>
 * <li>one {@code video.published} of the large channel (fan-out on write: the threshold is set
 * above it) → the time until every inbox row is written, as notifications/s;</li>
 * <li>beside it, in the same table, a plain batched INSERT of the same number of rows (one
 * statement and one transaction per 1,000, as the fan-out's pages) over JDBC; which of the two
 * goes first flips every round, and the ratio of each round is what is judged;</li>
 * <li>apart from the fan-out, the outbox relay: the {@code notification.push} events the fan-out
 * wrote (for every subscriber with a device, up to 100 an event), how long after the last inbox row the relay had
 * published them all to Kafka, and each event's time from written to published (p50, max).</li>
 * </ol>
 * Before the rounds, untimed, one fan-out of the small channel and a whole round 0 warm the
 * services up; every side starts from an empty inbox table (TRUNCATE). Last,
 * CLIENTS connected StreamNotifications and one {@code video.published} of the small
 * channel → the time from publishing to each stream's message, p50 and p99.
 *
 * <p>Arguments: work-dir pg-port kafka-bootstrap redis-port subscribers clients rounds push-share.
 */
public final class NotificationBench {

    private static final int PAGE = 1000;
    private static final int CONNECTIONS = 20;

    /** One round: fan-out and plain INSERT seconds, and the relay's share of the fan-out's events. */
    private record Round(int round, boolean fanOutFirst, double fanOutSeconds, double plainSeconds, Relay relay) {
        double ratio() {
            return plainSeconds / fanOutSeconds;
        }
    }

    /**
     * The fan-out's outbox events: how many, drained how long after the last inbox row, and each
     * event's time from written to published (median and maximum).
     */
    private record Relay(long events, long recipients, double drainedAfterSeconds, double lagP50Seconds,
            double lagMaxSeconds) {
    }

    private NotificationBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int pgPort = Integer.parseInt(args[1]);
        String kafka = args[2];
        int redisPort = Integer.parseInt(args[3]);
        int subscribers = Integer.parseInt(args[4]);
        int clients = Math.min(Integer.parseInt(args[5]), subscribers);
        int rounds = Integer.parseInt(args[6]);
        int pushShare = Integer.parseInt(args[7]);
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
            long withDevice = seedDevices(inboxDb, fans, pushShare);
            System.out.printf(Locale.ROOT, "# %d subscribers (fan-out on write, pages of %d), %d with a push device (%d %%),"
                    + " %d stream clients, %d rounds%n", subscribers, PAGE, withDevice, pushShare, clients, rounds);
            // Untimed: the services' JIT and pools warm up on a fan-out of the small channel.
            long outboxBefore = lastOutboxId(inboxDb);
            EventEnvelope warmUp = published(small);
            publish(kafka, warmUp);
            awaitRows(inboxDb, warmUp.getEventId(), clients);
            awaitRelay(inboxDb, outboxBefore, IntStream.range(0, clients).filter(i -> hasDevice(i, pushShare)).count(),
                    System.nanoTime());
            plainInsert(inboxDb, Arrays.copyOf(fans, clients));
            System.out.println("| round | first | fan-out notifications/s | plain INSERT rows/s | fan-out / plain"
                    + " | push recipients (events) | relay drained after last row | written to published p50 / max |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
            List<Round> results = new ArrayList<>();
            // Round 0 is a whole untimed round (the JIT of both sides warms up on the real sizes); every
            // side of every round starts from an empty inbox table, so neither writes into the other's rows.
            for (int round = 0; round <= rounds; round++) {
                boolean fanOutFirst = round % 2 == 1;
                double plainSeconds = 0;
                if (!fanOutFirst) {
                    emptyInboxes(inboxDb);
                    plainSeconds = plainInsert(inboxDb, fans);
                }
                emptyInboxes(inboxDb);
                outboxBefore = lastOutboxId(inboxDb);
                EventEnvelope bigVideo = published(big);
                long start = System.nanoTime();
                publish(kafka, bigVideo);
                awaitRows(inboxDb, bigVideo.getEventId(), subscribers);
                long lastRow = System.nanoTime();
                Relay relay = awaitRelay(inboxDb, outboxBefore, withDevice, lastRow);
                if (fanOutFirst) {
                    emptyInboxes(inboxDb);
                    plainSeconds = plainInsert(inboxDb, fans);
                }
                if (round == 0) {
                    continue;
                }
                Round result = new Round(round, fanOutFirst, (lastRow - start) / 1e9, plainSeconds, relay);
                results.add(result);
                System.out.printf(Locale.ROOT, "| %d | %s | %,.0f | %,.0f | %.0f %% | %,d (%,d) | %.2f s | %.0f / %.0f ms |%n",
                        round, fanOutFirst ? "fan-out" : "INSERT", subscribers / result.fanOutSeconds(),
                        subscribers / result.plainSeconds(), 100 * result.ratio(), relay.recipients(), relay.events(),
                        relay.drainedAfterSeconds(), 1000 * relay.lagP50Seconds(), 1000 * relay.lagMaxSeconds());
            }
            List<Double> ratios = results.stream().map(Round::ratio).sorted().toList();
            System.out.printf(Locale.ROOT, "fan-out / plain INSERT: worst round %.0f %%, median round %.0f %% (goal >= 50 %%);"
                    + " seed's floor 5,000 notifications/s: slowest round %,.0f/s%n", 100 * ratios.get(0),
                    100 * ratios.get(ratios.size() / 2),
                    subscribers / results.stream().mapToDouble(Round::fanOutSeconds).max().orElseThrow());

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

    /** Registers a push device for {@code share} % of the fans (spread evenly); returns how many. */
    private static long seedDevices(Connection db, String[] fans, int share) throws Exception {
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < fans.length; i++) {
            if (hasDevice(i, share)) {
                owners.add(fans[i]);
            }
        }
        try (PreparedStatement devices = db.prepareStatement("INSERT INTO push_device (platform, token, user_id,"
                + " registered_at) SELECT 2, 'bench-fcm-' || u, u, now() FROM unnest(?::text[]) AS u")) {
            devices.setArray(1, db.createArrayOf("text", owners.toArray(String[]::new)));
            devices.executeUpdate();
        }
        return owners.size();
    }

    /** Whether the fan at {@code index} has a device when {@code share} % have one. */
    private static boolean hasDevice(int index, int share) {
        return index % 100 < share;
    }

    private static long lastOutboxId(Connection db) throws Exception {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery("SELECT coalesce(max(id), 0) FROM outbox_event")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Waits until the relay published the push events written after outbox id {@code after} for
     * the {@code expected} recipients (an event carries up to 100); how long after {@code lastRow}
     * (nanoTime) that was, and the events' lag.
     */
    private static Relay awaitRelay(Connection db, long after, long expected, long lastRow) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        try (PreparedStatement progress = db.prepareStatement("SELECT count(*), count(sent_at),"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at)),"
                + " max(extract(epoch FROM sent_at - created_at)) FROM outbox_event"
                + " WHERE id > ? AND topic = 'notification.push'")) {
            progress.setLong(1, after);
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = progress.executeQuery()) {
                    rows.next();
                    if (rows.getLong(2) == rows.getLong(1)) {
                        long drained = System.nanoTime();
                        long recipients = pushRecipients(db, after);
                        if (recipients >= expected) {
                            return new Relay(rows.getLong(1), recipients, (drained - lastRow) / 1e9, rows.getDouble(3),
                                    rows.getDouble(4));
                        }
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the relay did not publish the fan-out's push events within 10 minutes");
    }

    /** The recipients of the push events written after outbox id {@code after}. */
    private static long pushRecipients(Connection db, long after) throws Exception {
        long recipients = 0;
        try (PreparedStatement events = db.prepareStatement(
                "SELECT envelope FROM outbox_event WHERE id > ? AND topic = 'notification.push'")) {
            events.setLong(1, after);
            try (ResultSet rows = events.executeQuery()) {
                while (rows.next()) {
                    recipients += EventEnvelope.parseFrom(rows.getBytes(1)).getNotificationPush().getRecipientsCount();
                }
            }
        }
        return recipients;
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

    /**
     * Waits for the fan-out job of the event to finish (a primary-key read of its progress row, which
     * the last page's transaction marks; counting the inbox rows every few ms would load the database
     * the fan-out is measured on), then checks that every inbox row is there.
     */
    private static void awaitRows(Connection db, String eventId, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        try (PreparedStatement finished = db.prepareStatement(
                        "SELECT 1 FROM fanout_job WHERE event_id = ? AND finished_at IS NOT NULL");
                PreparedStatement count = db.prepareStatement("SELECT count(*) FROM notification WHERE source_key = ?")) {
            finished.setString(1, eventId);
            count.setString(1, eventId);
            while (System.nanoTime() < deadline) {
                try (ResultSet done = finished.executeQuery()) {
                    if (done.next()) {
                        try (ResultSet rows = count.executeQuery()) {
                            rows.next();
                            if (rows.getLong(1) >= expected) {
                                return;
                            }
                            throw new IllegalStateException("the fan-out finished with " + rows.getLong(1)
                                    + " inbox rows, expected " + expected);
                        }
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("the fan-out did not finish within 10 minutes");
    }

    /** The same rows as the fan-out (new ids, another source key), one INSERT and commit per page; seconds taken. */
    /** Every inbox row gone and the table's space with them (the service is idle between sides). */
    private static void emptyInboxes(Connection db) throws Exception {
        db.setAutoCommit(true);
        try (Statement sql = db.createStatement()) {
            sql.execute("TRUNCATE notification");
        }
    }

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
