package dev.videoplatform.search.repository;

import java.time.Instant;
import java.util.List;

/** One listed video matching a search, with its score and its description's snippet. */
public record SearchHit(String videoId, String channelId, String title, String snippet, List<String> tags,
        long durationMillis, Instant publishedAt, long viewCount, String posterUrl, double score) {
}
