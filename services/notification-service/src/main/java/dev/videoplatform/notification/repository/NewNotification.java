package dev.videoplatform.notification.repository;

import dev.videoplatform.notification.v1.NotificationKind;
import java.time.Instant;

/**
 * What one cause tells its recipients: {@code sourceKey} identifies the cause (the event id), so
 * a recipient gets it once however often it is written; {@code actorId} is the user who caused it,
 * whom a recipient may have muted.
 */
public record NewNotification(String sourceKey, NotificationKind kind, String title, String body, String videoId,
        String commentId, String actorId, Instant createdAt) {
}
