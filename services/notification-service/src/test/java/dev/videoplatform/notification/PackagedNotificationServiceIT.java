package dev.videoplatform.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import dev.videoplatform.devstack.PackagedService;
import dev.videoplatform.notification.Platform.Member;
import dev.videoplatform.notification.v1.Delivery;
import dev.videoplatform.notification.v1.Notification;
import dev.videoplatform.notification.v1.NotificationKind;
import dev.videoplatform.notification.v1.Preferences;
import dev.videoplatform.notification.v1.UpdatePreferencesRequest;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged service (the jar here, the native executable in CI's native job) on the devstack,
 * beside the real user-service: a comment.created event in from Kafka, the inbox over gRPC, the
 * email rendered from its Qute templates to an SMTP sink, health and metrics.
 */
@QuarkusIntegrationTest
class PackagedNotificationServiceIT extends ServiceChannel {

    @Test
    void aCommentReachesTheInboxAndTheTemplatedEmail() throws Exception {
        try (MailSink sink = MailSink.start()) {
            Member owner = Platform.register();
            owner.notifications(service).updatePreferences(UpdatePreferencesRequest.newBuilder()
                    .setPreferences(Preferences.newBuilder().setNewComment(Delivery.DELIVERY_EMAIL))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("new_comment")).build());
            String videoId = UUID.randomUUID().toString();
            Platform.publish(videoId, InboxTest.comment(videoId, owner, Platform.register(), null, "Packaged <3"));

            List<Notification> inbox = Platform.inboxWhen(owner, service, list -> !list.isEmpty());
            assertEquals(NotificationKind.NOTIFICATION_KIND_NEW_COMMENT, inbox.get(0).getKind());
            List<MimeMessage> mails = sink.to(owner.email(), 1, 30);
            assertEquals(1, mails.size());
            assertTrue(EmailTest.parts(mails.get(0)).get("text/html").contains("Packaged &lt;3"), "the HTML template, escaped");
        }
        try (PackagedService packaged = new PackagedService()) {
            packaged.assertRpcTimed("ListNotifications");
        }
    }

    @Test
    void isReady() {
        try (PackagedService packaged = new PackagedService()) {
            packaged.assertReady();
        }
    }
}
