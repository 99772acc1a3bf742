package dev.videoplatform.search.repository;

import java.time.Instant;

/**
 * One page of a search, as the read model takes it. Null bounds are open. {@code now} is the
 * reference time of freshness in the relevance score, fixed at the first page so that a query's
 * scores, and so its keyset pages, do not drift while the user pages.
 */
public record SearchCriteria(String query, Long minDurationMillis, Long maxDurationMillis, Instant publishedAfter,
        Instant publishedBefore, String channelId, Order order, Instant now, int limit, Cursor after) {

    public enum Order {
        RELEVANCE, DATE, VIEWS
    }

    /** The sort key and id of the last row of the previous page (the key is the score, publish time or views). */
    public record Cursor(String key, String videoId) {
    }
}
