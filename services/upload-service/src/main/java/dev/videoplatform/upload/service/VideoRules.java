package dev.videoplatform.upload.service;

import dev.videoplatform.platform.error.Violations;
import java.util.List;

/** Limits of video metadata, as documented in the contracts. */
final class VideoRules {

    static final int MAX_TAGS = 15;

    private VideoRules() {
    }

    static void title(Violations v, String field, String title) {
        v.length(title == null ? null : title.strip(), field, 1, 100);
    }

    /** Tags are stored trimmed, lower-case and without duplicates. */
    static List<String> normalizeTags(List<String> tags) {
        return tags.stream().map(t -> t.strip().toLowerCase(java.util.Locale.ROOT)).distinct().toList();
    }

    static void tags(Violations v, String field, List<String> tags) {
        v.check(tags.size() > MAX_TAGS, field, "at most " + MAX_TAGS + " tags");
        for (int i = 0; i < tags.size(); i++) {
            v.length(tags.get(i), field + "[" + i + "]", 1, 30);
        }
    }
}
