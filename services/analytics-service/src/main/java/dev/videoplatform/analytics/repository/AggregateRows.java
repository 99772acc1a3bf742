package dev.videoplatform.analytics.repository;

import java.time.Instant;
import java.util.List;

/** One flush of changed aggregates, as rows of the read model. */
public record AggregateRows(List<Stats> stats, List<Hour> hours, List<Listing> listings) {

    public record Stats(String videoId, long views, long uniqueViewers, long watchMillis, long version, Instant updateTime) {
    }

    public record Hour(String videoId, Instant hour, long views, long watchMillis, long version) {
    }

    public record Listing(String videoId, boolean listed, boolean deleted, long version) {
    }

    public boolean isEmpty() {
        return stats.isEmpty() && hours.isEmpty() && listings.isEmpty();
    }
}
