package dev.videoplatform.recommendation.service;

import dev.videoplatform.recommendation.v1.FeedReason;

/** A candidate video with its ranking score and why it is there. */
public record Scored(String videoId, FeedReason reason, double score) {
}
