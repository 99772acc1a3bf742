package dev.videoplatform.recommendation.service;

import java.util.List;

/** Ranked candidates, best first, and whether a source was missing while ranking them. */
public record Ranked(List<Scored> items, boolean degraded) {
}
