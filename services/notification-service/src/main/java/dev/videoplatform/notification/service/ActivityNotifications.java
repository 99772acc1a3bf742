package dev.videoplatform.notification.service;

import dev.videoplatform.events.v1.CommentCreated;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.UserSubscribed;
import dev.videoplatform.notification.config.NotificationConfig;
import dev.videoplatform.notification.repository.Inbox;
import dev.videoplatform.notification.repository.InboxRow;
import dev.videoplatform.notification.repository.NewNotification;
import dev.videoplatform.notification.v1.NotificationKind;
import dev.videoplatform.platform.events.EventEnvelopes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Notifications for one or two users: the owner of a commented video, the author of a comment
 * replied to, the owner of a channel someone subscribed to. Nobody is told about their own
 * doing, and a reply on the owner's own comment tells the owner once (as a reply).
 */
@ApplicationScoped
public class ActivityNotifications {

    private final Inbox inbox;
    private final Duration subscriberWindow;

    public ActivityNotifications(Inbox inbox, NotificationConfig config) {
        this.inbox = inbox;
        this.subscriberWindow = config.subscriberBatchWindow();
    }

    /** Writes the notifications of a new comment; returns the rows written. */
    public Uni<List<InboxRow>> commented(SqlClient tx, EventEnvelope envelope, CommentCreated comment) {
        String author = EventEnvelopes.requiredId(envelope, comment.getAuthorId(), "author_id");
        String owner = EventEnvelopes.requiredId(envelope, comment.getVideoChannelId(), "video_channel_id");
        String parentAuthor = comment.getParentAuthorId();
        Instant at = EventEnvelopes.occurredAt(envelope);
        Uni<List<InboxRow>> reply = parentAuthor.isEmpty() || parentAuthor.equals(author) ? Uni.createFrom().item(List.of())
                : inbox.deliver(tx, comment(envelope, comment, NotificationKind.NOTIFICATION_KIND_COMMENT_REPLY,
                        NotificationTexts.replyTitle(comment.getAuthorDisplayName(), comment.getVideoTitle()), at),
                        List.of(parentAuthor));
        boolean ownerHearsOfIt = !owner.equals(author) && !owner.equals(parentAuthor);
        return reply.flatMap(replies -> !ownerHearsOfIt ? Uni.createFrom().item(replies)
                : inbox.deliver(tx, comment(envelope, comment, NotificationKind.NOTIFICATION_KIND_NEW_COMMENT,
                        NotificationTexts.newCommentTitle(comment.getAuthorDisplayName(), comment.getVideoTitle()), at),
                        List.of(owner)).map(comments -> {
                            List<InboxRow> all = new ArrayList<>(replies);
                            all.addAll(comments);
                            return all;
                        }));
    }

    /**
     * A new subscriber joins the channel owner's open "N new subscribers" notification (unread,
     * started within the batch window) or starts one. Returns the row written, if any.
     */
    public Uni<List<InboxRow>> subscribed(SqlClient tx, EventEnvelope envelope, UserSubscribed subscription) {
        String channel = EventEnvelopes.requiredId(envelope, subscription.getChannelId(), "channel_id");
        String subscriber = EventEnvelopes.requiredId(envelope, subscription.getSubscriberId(), "subscriber_id");
        String name = subscription.getSubscriberDisplayName().isEmpty() ? subscription.getSubscriberUsername()
                : subscription.getSubscriberDisplayName();
        Instant at = EventEnvelopes.occurredAt(envelope);
        NotificationKind kind = NotificationKind.NOTIFICATION_KIND_NEW_SUBSCRIBER;
        return inbox.openBatch(tx, channel, kind, at.minus(subscriberWindow)).flatMap(batch -> {
            if (batch.isPresent()) {
                int count = batch.get().causeCount() + 1;
                return inbox.grow(tx, batch.get().id(), kind, NotificationTexts.subscribersTitle(count, name),
                        NotificationTexts.subscribersBody(count, name), subscriber, at).map(row -> row.stream().toList());
            }
            return inbox.deliver(tx, new NewNotification(envelope.getEventId(), kind,
                    NotificationTexts.subscribersTitle(1, name), NotificationTexts.subscribersBody(1, name), "", "",
                    subscriber, at), List.of(channel));
        });
    }

    private static NewNotification comment(EventEnvelope envelope, CommentCreated comment, NotificationKind kind,
            String title, Instant at) {
        return new NewNotification(envelope.getEventId(), kind, title, NotificationTexts.body(comment.getText()),
                comment.getVideoId(), comment.getCommentId(), comment.getAuthorId(), at);
    }
}
