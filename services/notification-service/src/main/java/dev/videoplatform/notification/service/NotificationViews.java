package dev.videoplatform.notification.service;

import com.google.protobuf.Timestamp;
import dev.videoplatform.notification.repository.InboxRow;
import dev.videoplatform.notification.v1.Notification;
import dev.videoplatform.notification.v1.NotificationTarget;
import java.time.Instant;

/** Inbox rows as the API shows them. */
public final class NotificationViews {

    private NotificationViews() {
    }

    public static Notification of(InboxRow row) {
        return Notification.newBuilder().setNotificationId(row.id()).setKind(row.kind()).setTitle(row.title())
                .setBody(row.body())
                .setTarget(NotificationTarget.newBuilder().setVideoId(row.videoId()).setCommentId(row.commentId())
                        .setUserId(row.actorId()))
                .setCreateTime(timestamp(row.createdAt())).setRead(row.read()).build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
