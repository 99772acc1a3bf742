package dev.videoplatform.search.service;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.search.repository.SearchCriteria;
import dev.videoplatform.search.repository.SearchCriteria.Cursor;
import dev.videoplatform.search.repository.SearchCriteria.Order;
import dev.videoplatform.search.v1.SearchFilter;
import java.time.Instant;

/** A search filter's bounds, checked (every problem reported at once) and in the read model's units. */
record Bounds(Long minDurationMillis, Long maxDurationMillis, Instant publishedAfter, Instant publishedBefore) {

    /** Timestamps PostgreSQL and google.protobuf.Timestamp both hold: years 1–9999. */
    private static final long MIN_SECONDS = -62_135_596_800L;
    private static final long MAX_SECONDS = 253_402_300_799L;

    static Bounds of(SearchFilter filter, Violations violations) {
        Long min = filter.hasMinDuration() ? millis(filter.getMinDuration(), "filter.min_duration", violations) : null;
        Long max = filter.hasMaxDuration() ? millis(filter.getMaxDuration(), "filter.max_duration", violations) : null;
        Instant after = filter.hasPublishedAfter()
                ? instant(filter.getPublishedAfter(), "filter.published_after", violations) : null;
        Instant before = filter.hasPublishedBefore()
                ? instant(filter.getPublishedBefore(), "filter.published_before", violations) : null;
        violations.check(min != null && max != null && max < min, "filter.max_duration",
                "must not be shorter than min_duration");
        violations.check(after != null && before != null && !before.isAfter(after), "filter.published_before",
                "must be after published_after");
        return new Bounds(min, max, after, before);
    }

    SearchCriteria criteria(String query, SearchFilter filter, Order order, Instant now, int limit, Cursor after) {
        return new SearchCriteria(query, minDurationMillis, maxDurationMillis, publishedAfter, publishedBefore,
                filter.getChannelId().isEmpty() ? null : filter.getChannelId(), order, now, limit, after);
    }

    private static Long millis(Duration d, String field, Violations violations) {
        if (d.getSeconds() < 0 || d.getNanos() < 0 || d.getNanos() > 999_999_999) {
            violations.add(field, "must be a non-negative duration");
            return null;
        }
        if (d.getSeconds() > Long.MAX_VALUE / 1000 - 1) {
            violations.add(field, "is too long");
            return null;
        }
        return d.getSeconds() * 1000 + d.getNanos() / 1_000_000;
    }

    private static Instant instant(Timestamp t, String field, Violations violations) {
        if (t.getSeconds() < MIN_SECONDS || t.getSeconds() > MAX_SECONDS || t.getNanos() < 0 || t.getNanos() > 999_999_999) {
            violations.add(field, "must be a valid time between years 1 and 9999");
            return null;
        }
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
