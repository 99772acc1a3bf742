package dev.videoplatform.operator.catalog;

import dev.videoplatform.events.EventCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every Kafka topic of the platform with its default sizing. The topics come from the contracts
 * ({@link EventCatalog}: one per {@code event_type} of events.proto, each followed by its
 * dead-letter topic); only the sizing is decided here.
 */
public final class TopicCatalog {

    /** A topic and the defaults used unless {@code spec.kafka.topics} overrides them. */
    public record TopicDefaults(String name, int partitions, Duration retention) {
    }

    private static final int PARTITIONS = 6;
    private static final Duration RETENTION = Duration.ofDays(7);
    // Dead letters wait for a human, so they are kept longer; they arrive rarely, so one partition.
    private static final int DLQ_PARTITIONS = 1;
    private static final Duration DLQ_RETENTION = Duration.ofDays(14);

    /**
     * Read together by analytics-service's Kafka Streams aggregation, keyed by video id and joined
     * without repartitioning: they need one partition count (SpecValidator checks overrides), and
     * analytics' replicas beyond it would sit idle. analytics.events, the busiest topic, is
     * scaled by raising them all.
     */
    public static final List<String> CO_PARTITIONED = List.of("analytics.events", "video.uploaded", "video.updated",
            "video.deleted", "admin.video.banned", "admin.video.unbanned");

    /** Event topics sized differently from the rest; TopicCatalogTest checks that each still exists. */
    static final Map<String, TopicDefaults> EXCEPTIONS = Map.of(
            // progress ticks only matter while a job runs
            "video.transcode.progress", new TopicDefaults("video.transcode.progress", PARTITIONS, Duration.ofDays(1)),
            "notification.email", new TopicDefaults("notification.email", PARTITIONS, Duration.ofDays(2)),
            "notification.push", new TopicDefaults("notification.push", PARTITIONS, Duration.ofDays(2)));

    private static final List<TopicDefaults> ALL = catalog();
    private static final Map<String, TopicDefaults> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(TopicDefaults::name, Function.identity()));

    private TopicCatalog() {
    }

    /** Event topics and their dead-letter topics, each event topic followed by its DLQ. */
    public static List<TopicDefaults> all() {
        return ALL;
    }

    public static Optional<TopicDefaults> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static List<TopicDefaults> catalog() {
        List<TopicDefaults> all = new ArrayList<>();
        for (String topic : EventCatalog.topics()) {
            all.add(EXCEPTIONS.getOrDefault(topic, new TopicDefaults(topic, PARTITIONS, RETENTION)));
            all.add(new TopicDefaults(EventCatalog.deadLetterTopic(topic), DLQ_PARTITIONS, DLQ_RETENTION));
        }
        return Collections.unmodifiableList(all);
    }
}
