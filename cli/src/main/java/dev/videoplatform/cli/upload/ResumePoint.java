package dev.videoplatform.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a remembered upload goes on, decided from the server's {@code GetUploadStatus} answer
 * ({@code null} when the server no longer knows it): send from the committed offset, only follow
 * the transcode (it was completed), or start over (aborted, expired, unknown).
 */
public record ResumePoint(Kind kind, long offset) {

    public enum Kind {
        SEND_FROM,
        ALREADY_COMPLETED,
        START_OVER
    }

    public static ResumePoint of(JsonNode status) {
        if (status == null) {
            return new ResumePoint(Kind.START_OVER, 0);
        }
        return switch (status.path("state").asText()) {
            case "UPLOAD_STATE_ACTIVE" -> new ResumePoint(Kind.SEND_FROM, status.path("committedBytes").asLong(0));
            case "UPLOAD_STATE_COMPLETED" -> new ResumePoint(Kind.ALREADY_COMPLETED, status.path("sizeBytes").asLong(0));
            default -> new ResumePoint(Kind.START_OVER, 0);
        };
    }
}
