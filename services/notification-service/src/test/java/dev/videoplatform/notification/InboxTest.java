package dev.videoplatform.notification;

import static dev.videoplatform.devstack.GrpcStatusAssertions.assertStatus;
import static dev.videoplatform.devstack.GrpcStatusAssertions.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import dev.videoplatform.events.v1.CommentCreated;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.UserSubscribed;
import dev.videoplatform.notification.Platform.Member;
import dev.videoplatform.notification.repository.Inbox;
import dev.videoplatform.notification.service.RetentionSweep;
import dev.videoplatform.notification.v1.Delivery;
import dev.videoplatform.notification.v1.GetPreferencesRequest;
import dev.videoplatform.notification.v1.ListNotificationsRequest;
import dev.videoplatform.notification.v1.ListNotificationsResponse;
import dev.videoplatform.notification.v1.MarkReadRequest;
import dev.videoplatform.notification.v1.MarkReadResponse;
import dev.videoplatform.notification.v1.Notification;
import dev.videoplatform.notification.v1.NotificationKind;
import dev.videoplatform.notification.v1.NotificationServiceGrpc;
import dev.videoplatform.notification.v1.NotificationServiceGrpc.NotificationServiceBlockingStub;
import dev.videoplatform.notification.v1.Preferences;
import dev.videoplatform.notification.v1.UpdatePreferencesRequest;
import dev.videoplatform.platform.events.EventEnvelopes;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Comments, replies and subscribers in the inbox; pages, unread counts, marking read, preferences, retention. */
@QuarkusTest
class InboxTest extends ServiceChannel {

    @Inject
    RetentionSweep retention;

    @Inject
    Pool pool;

    @Test
    void theUnreadCountStopsAtTheCapAndMarkingAllReadStillMarksEverything() {
        Member reader = Platform.register();
        pool.preparedQuery("INSERT INTO notification (id, recipient_id, source_key, kind, title, body, created_at)"
                        + " SELECT gen_random_uuid()::text, $1, 'backlog-' || g, 3, 'Old news', '', now() - g * interval '1 second'"
                        + " FROM generate_series(1, 1001) g")
                .execute(Tuple.of(reader.userId())).await().indefinitely();
        NotificationServiceBlockingStub api = reader.notifications(service);
        assertEquals(Inbox.UNREAD_CAP, api.listNotifications(ListNotificationsRequest.newBuilder().build()).getUnreadCount());
        MarkReadResponse all = api.markRead(MarkReadRequest.newBuilder().setAll(true).build());
        assertEquals(1001, all.getUpdatedCount());
        assertEquals(0, all.getUnreadCount());
    }

    @Test
    void aCommentTellsTheVideoOwnerAndAReplyTellsTheParentAuthorButNobodyHearsOfThemselves() throws Exception {
        Member owner = Platform.register();
        Member commenter = Platform.register();
        Member replier = Platform.register();
        String videoId = UUID.randomUUID().toString();
        Platform.publish(videoId, comment(videoId, owner, commenter, null, "Nice one"));
        Platform.publish(videoId, comment(videoId, owner, replier, commenter, "Agreed"));
        Platform.publish(videoId, comment(videoId, owner, owner, commenter, "Thanks!"));

        List<Notification> ownerInbox = Platform.inboxWhen(owner, service, list -> list.size() >= 2);
        assertEquals(List.of(NotificationKind.NOTIFICATION_KIND_NEW_COMMENT, NotificationKind.NOTIFICATION_KIND_NEW_COMMENT),
                ownerInbox.stream().map(Notification::getKind).toList(), "the comment and the reply, not the owner's own");
        assertEquals("Agreed", ownerInbox.get(0).getBody(), "newest first");
        List<Notification> commenterInbox = Platform.inboxWhen(commenter, service, list -> list.size() >= 2);
        assertEquals(Set.of(NotificationKind.NOTIFICATION_KIND_COMMENT_REPLY), kinds(commenterInbox));
        assertEquals(Set.of(replier.userId(), owner.userId()),
                Set.copyOf(commenterInbox.stream().map(n -> n.getTarget().getUserId()).toList()));
        assertTrue(Platform.inboxWhen(replier, service, list -> true).isEmpty(), "a replier is not told of their own reply");
    }

    @Test
    void newSubscribersAreBatchedIntoOneUnreadNotification() throws Exception {
        Member channel = Platform.register();
        List<EventEnvelope> sent = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sent.add(Platform.publish(channel.userId(), UserSubscribed.newBuilder().setChannelId(channel.userId())
                    .setSubscriberId(UUID.randomUUID().toString()).setSubscriberDisplayName("Fan " + i).build()));
        }
        Platform.publish(sent.get(1)); // redelivered: counts once
        List<Notification> inbox = Platform.inboxWhen(channel, service,
                list -> list.size() == 1 && list.get(0).getTitle().equals("3 new subscribers"));
        assertEquals(1, inbox.size());
        assertEquals("3 new subscribers", inbox.get(0).getTitle());
        assertEquals("Latest: Fan 3", inbox.get(0).getBody());

        NotificationServiceBlockingStub api = channel.notifications(service);
        api.markRead(MarkReadRequest.newBuilder().setAll(true).build());
        Platform.publish(channel.userId(), UserSubscribed.newBuilder().setChannelId(channel.userId())
                .setSubscriberId(UUID.randomUUID().toString()).setSubscriberUsername("fan4").build());
        List<Notification> after = Platform.inboxWhen(channel, service, list -> list.size() == 2);
        assertEquals("fan4 subscribed to your channel", after.get(0).getTitle(), "a read batch is closed: a new one starts");
        assertFalse(after.get(0).getRead());
    }

    @Test
    void theInboxPagesNewestFirstCountsUnreadAndMarksReadByIdsTimeOrAll() throws Exception {
        Member owner = Platform.register();
        String videoId = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            Platform.publish(videoId, comment(videoId, owner, Platform.register(), null, "comment " + i));
            Thread.sleep(5); // distinct times
        }
        List<Notification> all = Platform.inboxWhen(owner, service, list -> list.size() == 5);
        NotificationServiceBlockingStub api = owner.notifications(service);

        List<String> paged = new ArrayList<>();
        String token = "";
        do {
            ListNotificationsResponse page = api.listNotifications(ListNotificationsRequest.newBuilder().setPageSize(2)
                    .setPageToken(token).build());
            assertEquals(5, page.getUnreadCount());
            page.getNotificationsList().forEach(n -> paged.add(n.getNotificationId()));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        assertEquals(all.stream().map(Notification::getNotificationId).toList(), paged, "keyset pages, no gaps or repeats");
        assertEquals(List.of("comment 4", "comment 3", "comment 2", "comment 1", "comment 0"),
                all.stream().map(Notification::getBody).toList(), "newest first");

        MarkReadResponse byIds = api.markRead(MarkReadRequest.newBuilder().addNotificationIds(paged.get(0))
                .addNotificationIds(paged.get(0)).addNotificationIds("someone-elses-or-unknown").build());
        assertEquals(1, byIds.getUpdatedCount());
        assertEquals(4, byIds.getUnreadCount());
        assertEquals(0, api.markRead(MarkReadRequest.newBuilder().addNotificationIds(paged.get(0)).build()).getUpdatedCount(),
                "idempotent");
        MarkReadResponse upTo = api.markRead(MarkReadRequest.newBuilder().setUpToTime(all.get(3).getCreateTime()).build());
        assertEquals(2, upTo.getUpdatedCount(), "the two older than or as old as the fourth newest, still unread");
        assertEquals(List.of(paged.get(1), paged.get(2)), api.listNotifications(ListNotificationsRequest.newBuilder()
                .setUnreadOnly(true).build()).getNotificationsList().stream().map(Notification::getNotificationId).toList());
        MarkReadResponse rest = api.markRead(MarkReadRequest.newBuilder().setAll(true).build());
        assertEquals(2, rest.getUpdatedCount());
        assertEquals(0, rest.getUnreadCount());
    }

    @Test
    void badRequestsAreInvalidArgumentsNamingTheirFields() {
        NotificationServiceBlockingStub api = Platform.register().notifications(service);
        assertEquals(List.of("page_size"), violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> api.listNotifications(ListNotificationsRequest.newBuilder().setPageSize(-1).build()))));
        assertEquals(List.of("page_token"), violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> api.listNotifications(ListNotificationsRequest.newBuilder().setPageToken("forged").build()))));
        assertEquals(List.of("notification_ids"), violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> api.markRead(MarkReadRequest.getDefaultInstance()))));
        assertEquals(List.of("all"), violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> api.markRead(MarkReadRequest.newBuilder().addNotificationIds("x").setAll(true).build()))));
        MarkReadRequest.Builder tooMany = MarkReadRequest.newBuilder();
        for (int i = 0; i < 101; i++) {
            tooMany.addNotificationIds("id" + i);
        }
        assertEquals(List.of("notification_ids"), violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> api.markRead(tooMany.build()))));
        assertEquals(List.of("up_to_time"), violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> api.markRead(MarkReadRequest.newBuilder().setUpToTime(Timestamp.newBuilder().setNanos(-1)).build()))));
        assertEquals(List.of("update_mask", "preferences.new_video", "preferences.muted_channel_ids[0]"),
                violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> api.updatePreferences(
                        UpdatePreferencesRequest.newBuilder().setPreferences(Preferences.newBuilder().addMutedChannelIds(""))
                                .setUpdateMask(FieldMask.newBuilder().addPaths("email").addPaths("new_video")
                                        .addPaths("muted_channel_ids")).build()))));
        assertStatus(Status.Code.UNAUTHENTICATED, "TOKEN_MISSING", () -> NotificationServiceGrpc.newBlockingStub(service)
                .listNotifications(ListNotificationsRequest.getDefaultInstance()));
    }

    @Test
    void preferencesStartAsTheDefaultsAndChangeOnlyWhereTheMaskSays() {
        NotificationServiceBlockingStub api = Platform.register().notifications(service);
        Preferences defaults = api.getPreferences(GetPreferencesRequest.getDefaultInstance());
        assertEquals(Delivery.DELIVERY_IN_APP, defaults.getNewVideo());
        assertEquals(Delivery.DELIVERY_EMAIL, defaults.getCommentReply());
        assertTrue(defaults.getEmailEnabled());
        assertFalse(defaults.hasUpdateTime(), "unset while still the defaults");

        Preferences changed = api.updatePreferences(UpdatePreferencesRequest.newBuilder()
                .setPreferences(Preferences.newBuilder().setNewComment(Delivery.DELIVERY_OFF).setNewVideo(Delivery.DELIVERY_OFF)
                        .addMutedChannelIds("c1").addMutedChannelIds("c1").addMutedChannelIds("c2"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("new_comment").addPaths("muted_channel_ids")).build());
        assertEquals(Delivery.DELIVERY_OFF, changed.getNewComment());
        assertEquals(Delivery.DELIVERY_IN_APP, changed.getNewVideo(), "not in the mask");
        assertEquals(List.of("c1", "c2"), changed.getMutedChannelIdsList());
        assertTrue(changed.hasUpdateTime());
        assertEquals(changed, api.getPreferences(GetPreferencesRequest.getDefaultInstance()));
        assertEquals(changed, api.updatePreferences(UpdatePreferencesRequest.getDefaultInstance()), "an empty mask reads");
    }

    @Test
    void notificationsOlderThanTheRetentionAreSweptAndNewerOnesStay() throws Exception {
        Member owner = Platform.register();
        String videoId = UUID.randomUUID().toString();
        EventEnvelope old = EventEnvelopes.wrap("test", videoId, comment(videoId, owner, Platform.register(), null, "old"));
        Instant hundredDaysAgo = Instant.now().minus(Duration.ofDays(100));
        Platform.publish(old.toBuilder().setOccurredAt(Timestamp.newBuilder().setSeconds(hundredDaysAgo.getEpochSecond()))
                .build());
        Platform.publish(videoId, comment(videoId, owner, Platform.register(), null, "new"));
        assertEquals(2, Platform.inboxWhen(owner, service, list -> list.size() == 2).size());

        assertTrue(retention.sweep(Instant.now().minus(Duration.ofDays(90))).await().indefinitely() >= 1);
        assertEquals(List.of("new"), Platform.inboxWhen(owner, service, list -> true).stream().map(Notification::getBody).toList());
    }

    private static Set<NotificationKind> kinds(List<Notification> inbox) {
        return new HashSet<>(inbox.stream().map(Notification::getKind).toList());
    }

    static CommentCreated comment(String videoId, Member owner, Member author, Member parentAuthor, String text) {
        CommentCreated.Builder comment = CommentCreated.newBuilder().setCommentId(UUID.randomUUID().toString())
                .setVideoId(videoId).setVideoChannelId(owner.userId()).setAuthorId(author.userId())
                .setAuthorDisplayName("Author " + author.userId().substring(0, 4)).setText(text).setVideoTitle("My clip");
        if (parentAuthor != null) {
            comment.setParentCommentId(UUID.randomUUID().toString()).setParentAuthorId(parentAuthor.userId());
        }
        return comment.build();
    }
}
