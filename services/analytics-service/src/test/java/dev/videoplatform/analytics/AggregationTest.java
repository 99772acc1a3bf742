package dev.videoplatform.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.videoplatform.analytics.v1.GetVideoStatsRequest;
import dev.videoplatform.analytics.v1.RecordViewsResponse;
import dev.videoplatform.analytics.v1.TrendingWindow;
import dev.videoplatform.analytics.v1.View;
import dev.videoplatform.analytics.v1.VideoStats;
import dev.videoplatform.events.v1.AnalyticsVideoCounts;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.EventVisibility;
import dev.videoplatform.devstack.GrpcStatusAssertions;
import dev.videoplatform.platform.ids.Uuid7;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The aggregation end to end on real Kafka (Streams, exactly-once) and PostgreSQL, driven through the gRPC API. */
@QuarkusTest
class AggregationTest {

    private static final long WAIT = 60_000;

    @Inject
    DataSource dataSource;

    private AnalyticsClient client;

    @BeforeEach
    void connect() {
        client = new AnalyticsClient(ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void distinctViewsAreCountedExactlyAndPublished() {
        String video = VideoEvents.uploaded(EventVisibility.EVENT_VISIBILITY_PUBLIC);
        List<View> views = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            views.add(AnalyticsClient.view(video, Instant.now(), 10));
        }
        RecordViewsResponse answer = client.recordAll(views);
        assertEquals(300, answer.getAcceptedCount());

        VideoStats stats = client.awaitStats(video, s -> s.getViewCount() >= 300, WAIT);
        assertEquals(300, stats.getViewCount());
        assertEquals(3000, stats.getWatchTime().getSeconds());
        assertEquals(10, stats.getAverageWatchTime().getSeconds());
        // HyperLogLog with 2,048 registers uses linear counting at this size: σ ≈ 1.6 % (4.8 viewers) for
        // random viewer ids, so 4σ (ViewerSketchTest checks the estimator's error on fixed sets).
        assertTrue(Math.abs(stats.getUniqueViewerCount() - 300) <= 19, "unique viewers " + stats.getUniqueViewerCount());

        List<AnalyticsVideoCounts> published = VideoEvents.probe().collect("analytics.video.counts",
                        value -> counts(value).getVideoId().equals(video) && counts(value).getViewCount() == 300,
                        Duration.ofMillis(500), Duration.ofSeconds(30))
                .stream().map(AggregationTest::counts).toList();
        assertFalse(published.isEmpty(), "analytics.video.counts with 300 views");
    }

    @Test
    void aViewerCountsOncePerWindowAndARetriedReportOnce() {
        String video = VideoEvents.uploaded(EventVisibility.EVENT_VISIBILITY_PUBLIC);
        Instant now = Instant.now();
        View first = AnalyticsClient.view(video, now.minus(Duration.ofMinutes(50)), 60);
        List<View> reports = new ArrayList<>();
        reports.add(first);
        // The same session's heartbeats within 30 minutes only add watch time...
        for (int minutes : new int[] {45, 40, 30}) {
            reports.add(heartbeat(first, now.minus(Duration.ofMinutes(minutes)), 60));
        }
        // ...a retried report (same request id) adds nothing...
        reports.add(reports.get(3));
        // ...and more than 30 minutes after the counted view it is a new view.
        reports.add(heartbeat(first, now.minus(Duration.ofMinutes(15)), 60));
        client.recordAll(reports);

        VideoStats stats = client.awaitStats(video, s -> s.getWatchTime().getSeconds() >= 300, WAIT);
        assertEquals(2, stats.getViewCount());
        assertEquals(300, stats.getWatchTime().getSeconds());
        assertEquals(1, stats.getUniqueViewerCount());
    }

    @Test
    void lateViewsWithinGraceLandInTheirHourAndLaterOnesAreNotCounted() {
        String video = VideoEvents.uploaded(EventVisibility.EVENT_VISIBILITY_PUBLIC);
        Instant now = Instant.now();
        Instant thisHour = now.truncatedTo(ChronoUnit.HOURS);
        client.recordAll(List.of(AnalyticsClient.view(video, now, 5), AnalyticsClient.view(video, now, 5)));
        client.awaitStats(video, s -> s.getViewCount() == 2, WAIT);

        // The previous hour closed less than the grace (1 h) ago; the one before it, more.
        client.recordAll(List.of(AnalyticsClient.view(video, thisHour.minus(Duration.ofMinutes(30)), 5),
                AnalyticsClient.view(video, thisHour.minus(Duration.ofMinutes(115)), 5),
                AnalyticsClient.view(video, now, 5)));
        VideoStats stats = client.awaitStats(video, s -> s.getViewCount() >= 4, WAIT);
        assertEquals(4, stats.getViewCount());

        Map<Instant, Long> expected = Map.of(thisHour, 3L, thisHour.minus(Duration.ofHours(1)), 1L);
        long deadline = System.nanoTime() + WAIT * 1_000_000;
        while (!hours(video).equals(expected) && System.nanoTime() < deadline) {
            AnalyticsClient.sleep(50);
        }
        assertEquals(expected, hours(video));
    }

    @Test
    void viewsOfAVideoNotYetAnnouncedAreHeldUntilItIs() {
        String video = Uuid7.next();
        client.recordAll(List.of(AnalyticsClient.view(video, Instant.now(), 1), AnalyticsClient.view(video, Instant.now(), 1),
                AnalyticsClient.view(video, Instant.now(), 1)));
        AnalyticsClient.sleep(3000);
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> client.stub.getVideoStats(GetVideoStatsRequest.newBuilder().setVideoId(video).build()));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());

        VideoEvents.announce(video, EventVisibility.EVENT_VISIBILITY_PUBLIC);
        assertEquals(3, client.awaitStats(video, s -> s.getViewCount() >= 3, WAIT).getViewCount());
    }

    @Test
    void trendingRanksByDecayedViewsAndDropsBannedAndPrivateVideos() {
        Instant now = Instant.now();
        String steady = VideoEvents.uploaded(EventVisibility.EVENT_VISIBILITY_PUBLIC);
        String hot = VideoEvents.uploaded(EventVisibility.EVENT_VISIBILITY_PUBLIC);
        String earlier = VideoEvents.uploaded(EventVisibility.EVENT_VISIBILITY_PUBLIC);
        List<View> history = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            history.add(AnalyticsClient.view(steady, now, 0));
        }
        for (int i = 0; i < 20; i++) {
            history.add(AnalyticsClient.view(hot, now, 0));
        }
        // 15 views in the middle of the previous hour (always within the grace): aged 30–90 minutes,
        // they weigh 15 × 2^(−age / 6 h) = 12.6–14.2, between the others' 10 and 18.9–20.
        Instant before = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(30));
        for (int i = 0; i < 15; i++) {
            history.add(AnalyticsClient.view(earlier, before, 0));
        }
        client.recordAll(history);
        // A flush can land between the views of one batch: rank once every view is counted.
        client.awaitStats(steady, s -> s.getViewCount() >= 10, WAIT);
        client.awaitStats(hot, s -> s.getViewCount() >= 20, WAIT);
        client.awaitStats(earlier, s -> s.getViewCount() >= 15, WAIT);
        List<String> ours = List.of(steady, hot, earlier);
        assertEquals(List.of(hot, earlier, steady), client.awaitRanking(TrendingWindow.TRENDING_WINDOW_DAY, ours, r -> r.size() == 3, WAIT));

        VideoEvents.banned(hot);
        assertEquals(List.of(earlier, steady), client.awaitRanking(TrendingWindow.TRENDING_WINDOW_DAY, ours, r -> r.size() == 2, WAIT));
        VideoEvents.visibility(earlier, EventVisibility.EVENT_VISIBILITY_PRIVATE);
        assertEquals(List.of(steady), client.awaitRanking(TrendingWindow.TRENDING_WINDOW_WEEK, ours, r -> r.size() == 1, WAIT));
        VideoEvents.unbanned(hot);
        assertEquals(List.of(hot, steady), client.awaitRanking(TrendingWindow.TRENDING_WINDOW_HOUR, ours, r -> r.size() == 2, WAIT));
    }

    @Test
    void invalidReportsAreRejectedWithTheirFields() {
        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class,
                () -> client.stub.recordView(dev.videoplatform.analytics.v1.RecordViewRequest.newBuilder().setView(View.newBuilder()
                        .setVideoId("not-a-video").setSessionId("short")
                        .setWatchDuration(com.google.protobuf.Duration.newBuilder().setSeconds(-1))
                        .setClientTime(com.google.protobuf.Timestamp.newBuilder()
                                .setSeconds(Instant.now().plus(Duration.ofHours(1)).getEpochSecond()))).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, failure.getStatus().getCode());
        assertEquals(List.of("view.video_id", "view.session_id", "view.watch_duration", "view.client_time"),
                GrpcStatusAssertions.violatedFields(failure));

        String video = VideoEvents.uploaded(EventVisibility.EVENT_VISIBILITY_PUBLIC);
        RecordViewsResponse answer = client.recordAll(List.of(AnalyticsClient.view(video, Instant.now(), 1),
                AnalyticsClient.view(video, Instant.now().minus(Duration.ofDays(2)), 1)));
        assertEquals(1, answer.getAcceptedCount());
        assertEquals(1, answer.getRejectedCount());
    }

    @Test
    void aStreamLongerThanTheReportsInFlightIsReadToItsEnd() {
        // The service reads a RecordViews stream as Kafka acknowledges (1,024 reports in flight).
        String video = VideoEvents.uploaded(EventVisibility.EVENT_VISIBILITY_PUBLIC);
        List<View> views = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            views.add(AnalyticsClient.view(video, Instant.now(), 1));
        }
        assertEquals(5000, client.recordAll(views).getAcceptedCount());
        assertEquals(5000, client.awaitStats(video, s -> s.getViewCount() >= 5000, WAIT).getViewCount());
    }

    private static View heartbeat(View of, Instant time, long seconds) {
        return AnalyticsClient.view(of.getVideoId(), time, seconds).toBuilder().setSessionId(of.getSessionId()).build();
    }

    private Map<Instant, Long> hours(String video) {
        Map<Instant, Long> hours = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT hour, view_count FROM video_hour WHERE video_id = ?")) {
            query.setString(1, video);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    hours.put(rows.getObject(1, java.time.OffsetDateTime.class).toInstant(), rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return hours;
    }

    private static AnalyticsVideoCounts counts(byte[] value) {
        try {
            EventEnvelope envelope = EventEnvelope.parseFrom(value);
            return envelope.getAnalyticsVideoCounts();
        } catch (InvalidProtocolBufferException e) {
            return AnalyticsVideoCounts.getDefaultInstance();
        }
    }
}
