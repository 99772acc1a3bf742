package dev.videoplatform.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackExtension;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.PlatformProcesses;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.notification.Platform.Member;
import dev.videoplatform.platform.events.EventEnvelopes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * notification-service from its packaged jar, SIGKILLed in the middle of a fan-out: a restarted
 * replica takes the job over when the lease runs out and finishes it, and every subscriber has
 * the new video exactly once.
 */
@ExtendWith(DevstackExtension.class)
class FanOutCrashIT {

    private static final int SUBSCRIBERS = 40;

    @Test
    void aFanOutKilledMidwayIsFinishedByTheNextReplicaWithoutDuplicates(Devstack devstack) throws Exception {
        try (ServiceProcess users = PlatformProcesses.userService()) {
            Member channel = Platform.register(users);
            Set<String> fans = Platform.subscribers(users, channel, SUBSCRIBERS).stream().map(Member::userId)
                    .collect(Collectors.toSet());
            String videoId = UUID.randomUUID().toString();
            EventEnvelope published = EventEnvelopes.wrap("test", videoId, FanOutTest.video(videoId, channel));

            int before;
            try (ServiceProcess first = start("first", users)) {
                new TopicProbe(devstack.settings().kafkaBootstrapServers())
                        .publish(published.getEventType(), published.getAggregateKey(), published.toByteArray());
                awaitPages(devstack.settings(), published.getEventId(), 1);
                first.kill();
                before = rowsPerRecipient(devstack.settings(), published.getEventId()).size();
            }
            assertTrue(before < SUBSCRIBERS, "killed in the middle of the fan-out (" + before + " of " + SUBSCRIBERS + " written)");

            try (ServiceProcess second = start("second", users)) {
                awaitFinished(devstack.settings(), published.getEventId());
                Map<String, Integer> rows = rowsPerRecipient(devstack.settings(), published.getEventId());
                assertEquals(fans, rows.keySet(), "every subscriber, nobody else");
                assertTrue(rows.values().stream().allMatch(n -> n == 1), "exactly once each: " + rows);
            }
        }
    }

    /** One subscriber per page, so the fan-out takes many transactions; a short lease, so the takeover is quick. */
    private static ServiceProcess start(String name, ServiceProcess users) throws Exception {
        return NotificationProcesses.start(name, users.port(), Map.of("videoplatform.notification.fanout.page-size", "1",
                "videoplatform.notification.fanout.lease", "2s", "videoplatform.notification.fanout.poll-interval", "200ms"));
    }

    private static void awaitPages(DevstackSettings settings, String eventId, int pages) throws Exception {
        await(settings, "SELECT pages_done >= " + pages + " FROM fanout_job WHERE event_id = ?", eventId);
    }

    private static void awaitFinished(DevstackSettings settings, String eventId) throws Exception {
        await(settings, "SELECT finished_at IS NOT NULL FROM fanout_job WHERE event_id = ?", eventId);
    }

    private static void await(DevstackSettings settings, String sql, String eventId) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (Connection db = connect(settings); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, eventId);
            while (System.nanoTime() < deadline) {
                try (ResultSet result = query.executeQuery()) {
                    if (result.next() && result.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError("not within 60 s: " + sql);
    }

    private static Map<String, Integer> rowsPerRecipient(DevstackSettings settings, String eventId) throws SQLException {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection db = connect(settings); PreparedStatement query = db.prepareStatement(
                "SELECT recipient_id, count(*) FROM notification WHERE source_key = ? GROUP BY recipient_id")) {
            query.setString(1, eventId);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getInt(2));
                }
            }
        }
        return rows;
    }

    private static Connection connect(DevstackSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl("notifications"), settings.postgresUser(), settings.postgresPassword());
    }
}
