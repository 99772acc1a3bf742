package dev.videoplatform.analytics.streams;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.videoplatform.analytics.config.AnalyticsConfig;
import dev.videoplatform.analytics.metrics.ViewCounters;
import dev.videoplatform.analytics.repository.AggregateRows;
import dev.videoplatform.analytics.repository.AggregateTables;
import dev.videoplatform.events.v1.AnalyticsVideoCounts;
import dev.videoplatform.events.v1.AnalyticsViewEvent;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.PoisonEventException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jboss.logging.Logger;

/**
 * The aggregation of one partition (one task): views and the catalog's events of the same videos
 * arrive here in order, since every one of these topics is keyed by video id and co-partitioned.
 * All state lives in the task's stores (RocksDB, changelogged), so under exactly-once v2 the
 * stores, the offsets and the published counts move together and a crash replays to the same
 * result. The punctuator writes changed aggregates to PostgreSQL before they leave the
 * {@code unsaved} store: a crash between write and commit replays into identical versions, which
 * the upserts ignore.
 */
final class ViewAggregation implements Processor<String, byte[], String, byte[]> {

    static final String VIDEOS = "videos";
    static final String HELD = "held-views";
    static final String REPORTS = "reports";
    static final String VIEWERS_SEEN = "viewer-views";
    static final String TOTALS = "totals";
    static final String SKETCHES = "viewer-sketches";
    static final String HOURS = "hours";
    static final String UNSAVED = "unsaved";
    static final String UNPUBLISHED = "unpublished";
    static final String PUBLISHED = "published";

    static final long HOUR = Duration.ofHours(1).toMillis();
    /** A retried report (same view id) is recognised within this distance of its view time. */
    static final long REPORT_RANGE = HOUR;

    private static final Logger LOG = Logger.getLogger(ViewAggregation.class);
    private static final String SEP = "\u0000";
    private static final String PRODUCER = "analytics";

    private final AnalyticsConfig.Aggregation settings;
    private final AggregateTables tables;
    private final ViewCounters counters;

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> videos;
    private KeyValueStore<String, byte[]> held;
    private WindowStore<String, Long> reports;
    private WindowStore<String, Long> viewerViews;
    private KeyValueStore<String, byte[]> totals;
    private KeyValueStore<String, byte[]> sketches;
    private WindowStore<String, byte[]> hours;
    private KeyValueStore<String, byte[]> unsaved;
    private KeyValueStore<String, byte[]> unpublished;
    private KeyValueStore<String, Long> published;
    private boolean flushFailing;

    ViewAggregation(AnalyticsConfig.Aggregation settings, AggregateTables tables, ViewCounters counters) {
        this.settings = settings;
        this.tables = tables;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        videos = context.getStateStore(VIDEOS);
        held = context.getStateStore(HELD);
        reports = context.getStateStore(REPORTS);
        viewerViews = context.getStateStore(VIEWERS_SEEN);
        totals = context.getStateStore(TOTALS);
        sketches = context.getStateStore(SKETCHES);
        hours = context.getStateStore(HOURS);
        unsaved = context.getStateStore(UNSAVED);
        unpublished = context.getStateStore(UNPUBLISHED);
        published = context.getStateStore(PUBLISHED);
        context.schedule(settings.flushInterval(), PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        EventEnvelope envelope;
        try {
            envelope = EventEnvelopes.parse(record.value());
        } catch (PoisonEventException e) {
            counters.poison();
            return;
        }
        switch (envelope.getPayloadCase()) {
            case ANALYTICS_VIEW_EVENT -> onView(envelope.getAnalyticsViewEvent());
            case VIDEO_UPLOADED -> change(envelope.getVideoUploaded().getVideoId(),
                    s -> s.withVisibility(envelope.getVideoUploaded().getVisibilityValue()));
            case VIDEO_UPDATED -> change(envelope.getVideoUpdated().getVideoId(),
                    s -> s.withVisibility(envelope.getVideoUpdated().getVisibilityValue()));
            case VIDEO_DELETED -> change(envelope.getVideoDeleted().getVideoId(), VideoState::asDeleted);
            case ADMIN_VIDEO_BANNED -> change(envelope.getAdminVideoBanned().getVideoId(), s -> s.withBanned(true));
            case ADMIN_VIDEO_UNBANNED -> change(envelope.getAdminVideoUnbanned().getVideoId(), s -> s.withBanned(false));
            default -> counters.poison();
        }
    }

    private void onView(AnalyticsViewEvent view) {
        if (view.getVideoId().isEmpty() || view.getViewId().isEmpty()) {
            counters.poison();
            return;
        }
        if (!state(view.getVideoId()).known()) {
            // Counted once the catalog announces the video (video.uploaded), never dropped.
            held.put(view.getVideoId() + SEP + view.getViewId(), view.toByteArray());
            counters.held();
            return;
        }
        if (pastGrace(millis(view.getViewTime()))) {
            counters.late();
            return;
        }
        apply(view, null);
    }

    private void change(String videoId, UnaryOperator<VideoState> change) {
        if (videoId.isEmpty()) {
            counters.poison();
            return;
        }
        VideoState before = state(videoId);
        VideoState after = change.apply(before);
        videos.put(videoId, after.encode());
        unsaved.put("v" + SEP + videoId, new byte[0]);
        if (!before.known() && after.known()) {
            release(videoId);
        }
    }

    /** Applies the views held for a video that just became known, oldest first. */
    private void release(String videoId) {
        List<AnalyticsViewEvent> waiting = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = held.prefixScan(videoId + SEP, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> entry = it.next();
                keys.add(entry.key);
                waiting.add(parseHeld(entry.value));
            }
        }
        keys.forEach(held::delete);
        waiting.sort(Comparator.comparingLong((AnalyticsViewEvent v) -> millis(v.getViewTime())).thenComparing(AnalyticsViewEvent::getViewId));
        // Views older than the stores' retention are de-duplicated among themselves here.
        Map<String, Long> countedAt = new HashMap<>();
        waiting.forEach(view -> apply(view, countedAt));
    }

    /**
     * Counts one report: a new view unless the same viewer's view of this video was counted within
     * the dedup window either side; its watch time always (unless the report itself is a retry).
     */
    private void apply(AnalyticsViewEvent view, Map<String, Long> releasedCounts) {
        long time = millis(view.getViewTime());
        if (seen(reports, view.getViewId(), time, REPORT_RANGE)) {
            counters.duplicate();
            return;
        }
        reports.put(view.getViewId(), time, time);
        String videoId = view.getVideoId();
        String viewer = videoId + SEP + (view.getViewerId().isEmpty() ? "s:" + view.getSessionId() : "u:" + view.getViewerId());
        long window = settings.dedupWindow().toMillis();
        boolean newView = !seen(viewerViews, viewer, time, window);
        if (newView && releasedCounts != null) {
            Long previous = releasedCounts.get(viewer);
            newView = previous == null || time - previous >= window;
        }
        if (newView) {
            viewerViews.put(viewer, time, time);
            if (releasedCounts != null) {
                releasedCounts.put(viewer, time);
            }
            byte[] sketch = sketches.get(videoId);
            sketch = sketch == null ? ViewerSketch.empty() : sketch;
            if (ViewerSketch.add(sketch, viewer)) {
                sketches.put(videoId, sketch);
            }
        }
        long watched = view.getWatchDuration().getSeconds() * 1000 + view.getWatchDuration().getNanos() / 1_000_000;
        totals.put(videoId, tally(totals.get(videoId)).add(newView, watched).encode());
        unsaved.put("t" + SEP + videoId, new byte[0]);
        unpublished.put(videoId, new byte[0]);
        long hour = time - Math.floorMod(time, HOUR);
        if (!pastGrace(time)) {
            hours.put(videoId, tally(hours.fetch(videoId, hour)).add(newView, watched).encode(), hour);
            unsaved.put("h" + SEP + videoId + SEP + hour, new byte[0]);
        }
        counters.counted(newView);
    }

    /** Whether the view's hour closed more than the grace ago (by stream time: the newest event time seen). */
    private boolean pastGrace(long time) {
        long hourEnd = time - Math.floorMod(time, HOUR) + HOUR;
        return hourEnd + settings.grace().toMillis() <= context.currentStreamTimeMs();
    }

    private static <V> boolean seen(WindowStore<String, V> store, String key, long time, long range) {
        try (WindowStoreIterator<V> it = store.fetch(key, Instant.ofEpochMilli(time - range + 1), Instant.ofEpochMilli(time + range - 1))) {
            return it.hasNext();
        }
    }

    /** Writes the changed aggregates to PostgreSQL and publishes counts that are due. */
    private void flush(long now) {
        List<String> keys = new ArrayList<>();
        AggregateRows rows = new AggregateRows(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (KeyValueIterator<String, byte[]> it = unsaved.all()) {
            while (it.hasNext()) {
                String key = it.next().key;
                keys.add(key);
                addRow(rows, key.split(SEP), now);
            }
        }
        if (!rows.isEmpty()) {
            try {
                tables.write(rows);
                flushFailing = false;
            } catch (SQLException e) {
                // Kept in `unsaved`: the next flush retries (log once per outage, not per second).
                if (!flushFailing) {
                    LOG.warnf("analytics read model not written, will retry: %s", e.getMessage());
                }
                flushFailing = true;
                return;
            }
        }
        keys.forEach(unsaved::delete);
        publishDue(now);
    }

    private void addRow(AggregateRows rows, String[] key, long now) {
        String videoId = key[1];
        switch (key[0]) {
            case "t" -> {
                Tally tally = tally(totals.get(videoId));
                byte[] sketch = sketches.get(videoId);
                rows.stats().add(new AggregateRows.Stats(videoId, tally.views(), sketch == null ? 0 : ViewerSketch.estimate(sketch),
                        tally.watchMillis(), tally.version(), Instant.ofEpochMilli(now)));
            }
            case "h" -> {
                long hour = Long.parseLong(key[2]);
                byte[] bucket = hours.fetch(videoId, hour);
                if (bucket != null) {
                    Tally tally = Tally.decode(bucket);
                    rows.hours().add(new AggregateRows.Hour(videoId, Instant.ofEpochMilli(hour), tally.views(),
                            tally.watchMillis(), tally.version()));
                }
            }
            default -> {
                VideoState state = state(videoId);
                rows.listings().add(new AggregateRows.Listing(videoId, state.listed(), state.deleted(), state.version()));
            }
        }
    }

    /** analytics.video.counts for videos whose counts changed, at most once per counts interval each. */
    private void publishDue(long now) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = unpublished.all()) {
            while (it.hasNext()) {
                String videoId = it.next().key;
                Long last = published.get(videoId);
                if (last == null || now - last >= settings.countsInterval().toMillis()) {
                    due.add(videoId);
                }
            }
        }
        for (String videoId : due) {
            Tally tally = tally(totals.get(videoId));
            byte[] sketch = sketches.get(videoId);
            AnalyticsVideoCounts counts = AnalyticsVideoCounts.newBuilder().setVideoId(videoId).setViewCount(tally.views())
                    .setUniqueViewerCount(sketch == null ? 0 : ViewerSketch.estimate(sketch))
                    .setWatchTime(com.google.protobuf.Duration.newBuilder().setSeconds(tally.watchMillis() / 1000)
                            .setNanos((int) (tally.watchMillis() % 1000) * 1_000_000))
                    .setUpdateTime(Timestamp.newBuilder().setSeconds(now / 1000).setNanos((int) (now % 1000) * 1_000_000))
                    .build();
            context.forward(new Record<>(videoId, EventEnvelopes.wrap(PRODUCER, videoId, counts).toByteArray(), now));
            published.put(videoId, now);
            unpublished.delete(videoId);
        }
    }

    private VideoState state(String videoId) {
        byte[] bytes = videos.get(videoId);
        return bytes == null ? VideoState.UNKNOWN : VideoState.decode(bytes);
    }

    private static Tally tally(byte[] bytes) {
        return bytes == null ? Tally.ZERO : Tally.decode(bytes);
    }

    private static AnalyticsViewEvent parseHeld(byte[] bytes) {
        try {
            return AnalyticsViewEvent.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable held view", e);
        }
    }

    static long millis(Timestamp time) {
        return time.getSeconds() * 1000 + time.getNanos() / 1_000_000;
    }
}
