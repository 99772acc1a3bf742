package dev.videoplatform.notification.repository;

import dev.videoplatform.notification.v1.Delivery;
import dev.videoplatform.notification.v1.NotificationKind;

/** Which column of {@code preferences} holds the delivery of each kind. */
final class PreferenceColumns {

    static final int OFF = Delivery.DELIVERY_OFF_VALUE;

    private PreferenceColumns() {
    }

    static String of(NotificationKind kind) {
        return switch (kind) {
            case NOTIFICATION_KIND_NEW_VIDEO -> "new_video";
            case NOTIFICATION_KIND_COMMENT_REPLY -> "comment_reply";
            case NOTIFICATION_KIND_NEW_COMMENT -> "new_comment";
            case NOTIFICATION_KIND_NEW_SUBSCRIBER -> "new_subscriber";
            default -> throw new IllegalArgumentException("no preference for " + kind);
        };
    }
}
