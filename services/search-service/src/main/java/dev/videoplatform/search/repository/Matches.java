package dev.videoplatform.search.repository;

/**
 * The match count of a query (exact up to the count limit, that limit beyond it) and whether its
 * matches are common enough that the most viewed of them are found fastest by walking the videos
 * in view order rather than by collecting every match from the full-text index.
 */
public record Matches(long total, boolean common) {
}
