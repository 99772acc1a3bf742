package dev.videoplatform.analytics.streams;

import dev.videoplatform.analytics.config.AnalyticsConfig;
import dev.videoplatform.analytics.ingest.ViewLog;
import dev.videoplatform.analytics.metrics.ViewCounters;
import dev.videoplatform.analytics.repository.AggregateTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * One sub-topology: {@code analytics.events} and the catalog's and moderation's video topics (all
 * keyed by video id, with the same partition count) feed {@link ViewAggregation}, which keeps
 * its state in RocksDB stores with changelog topics ({@code analytics-service-<store>-changelog})
 * and sends {@code analytics.video.counts}. Run with processing.guarantee=exactly_once_v2.
 */
@ApplicationScoped
public class ViewTopology {

    public static final String COUNTS_TOPIC = "analytics.video.counts";
    public static final String[] VIDEO_TOPICS = {"video.uploaded", "video.updated", "video.deleted", "admin.video.banned",
            "admin.video.unbanned"};

    private final AnalyticsConfig.Aggregation settings;
    private final AggregateTables tables;
    private final ViewCounters counters;

    public ViewTopology(AnalyticsConfig config, AggregateTables tables, ViewCounters counters) {
        this.settings = config.aggregation();
        this.tables = tables;
        this.counters = counters;
    }

    /** Unscoped on purpose: KafkaStreams reads the topology's fields directly, which a client proxy would hide. */
    @Produces
    Topology topology() {
        Topology topology = new Topology();
        topology.addSource("views", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), ViewLog.TOPIC);
        topology.addSource("videos", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), VIDEO_TOPICS);
        topology.addProcessor("aggregate", () -> new ViewAggregation(settings, tables, counters), "views", "videos");
        // Events are dropped past the grace, so state older than grace + one hour (+ the dedup window either side) is never read again.
        Duration horizon = settings.grace().plus(Duration.ofHours(1));
        Duration dedupRetention = horizon.plus(settings.dedupWindow().multipliedBy(2));
        Duration reportRetention = horizon.plus(Duration.ofMillis(ViewAggregation.REPORT_RANGE * 2));
        topology.addStateStore(keyValue(ViewAggregation.VIDEOS, Serdes.ByteArray()), "aggregate");
        topology.addStateStore(keyValue(ViewAggregation.HELD, Serdes.ByteArray()), "aggregate");
        topology.addStateStore(window(ViewAggregation.REPORTS, reportRetention, Serdes.Long()), "aggregate");
        topology.addStateStore(window(ViewAggregation.VIEWERS_SEEN, dedupRetention, Serdes.Long()), "aggregate");
        topology.addStateStore(keyValue(ViewAggregation.TOTALS, Serdes.ByteArray()).withCachingEnabled(), "aggregate");
        topology.addStateStore(keyValue(ViewAggregation.SKETCHES, Serdes.ByteArray()).withCachingEnabled(), "aggregate");
        topology.addStateStore(window(ViewAggregation.HOURS, horizon.plus(Duration.ofHours(1)), Serdes.ByteArray())
                .withCachingEnabled(), "aggregate");
        // The markers of what changed are set again by every view of a video: cached, they reach
        // RocksDB and their changelogs once per video and commit, not once per view.
        topology.addStateStore(keyValue(ViewAggregation.UNSAVED, Serdes.ByteArray()).withCachingEnabled(), "aggregate");
        topology.addStateStore(keyValue(ViewAggregation.UNPUBLISHED, Serdes.ByteArray()).withCachingEnabled(), "aggregate");
        topology.addStateStore(keyValue(ViewAggregation.PUBLISHED, Serdes.Long()).withCachingEnabled(), "aggregate");
        topology.addSink("counts", COUNTS_TOPIC, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "aggregate");
        return topology;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(
            String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }

    private static <V> StoreBuilder<WindowStore<String, V>> window(
            String name, Duration retention, Serde<V> values) {
        // Window size 1 ms: entries are points in event time, looked up by time range.
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, Duration.ofMillis(1), false),
                Serdes.String(), values);
    }
}
