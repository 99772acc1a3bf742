package dev.videoplatform.comment.service;

import dev.videoplatform.platform.error.Violations;
import java.util.UUID;
import java.util.regex.Pattern;

/** The contract's limits on comment requests, checked before anything is read or written. */
final class CommentRules {

    static final int MAX_TEXT = 10_000;
    static final int MAX_VIDEO_ID = 64;
    static final int MAX_REQUEST_ID = 64;
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private static final Pattern COMMENT_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private CommentRules() {
    }

    /** Comment text as stored: trimmed. */
    static String text(String raw) {
        return raw.strip();
    }

    static void videoId(Violations v, String videoId, String field) {
        v.requireNonBlank(videoId, field);
        if (!videoId.isBlank()) {
            v.length(videoId, field, 1, MAX_VIDEO_ID);
        }
    }

    static void text(Violations v, String raw, String field) {
        v.length(text(raw), field, 1, MAX_TEXT);
    }

    static void requestId(Violations v, String requestId) {
        v.length(requestId, "request_id", 0, MAX_REQUEST_ID);
    }

    /** Checks a required comment id's form; the caller parses it with {@link #commentId} once v is clean. */
    static void commentId(Violations v, String id, String field) {
        if (id.isEmpty()) {
            v.add(field, "is required");
        } else {
            v.check(!COMMENT_ID.matcher(id).matches(), field, "is not a comment id");
        }
    }

    static void optionalCommentId(Violations v, String id, String field) {
        if (!id.isEmpty()) {
            commentId(v, id, field);
        }
    }

    static UUID commentId(String id) {
        return UUID.fromString(id);
    }
}
