package dev.videoplatform.notification.service;

import dev.videoplatform.events.v1.EventNotificationKind;
import dev.videoplatform.events.v1.EventPushDevice;
import dev.videoplatform.events.v1.EventPushPlatform;
import dev.videoplatform.events.v1.NotificationEmail;
import dev.videoplatform.events.v1.NotificationPush;
import dev.videoplatform.notification.repository.InboxRow;
import dev.videoplatform.notification.repository.PreferenceStore;
import dev.videoplatform.notification.repository.PushDevices;
import dev.videoplatform.notification.repository.PushDevices.Device;
import dev.videoplatform.notification.v1.Delivery;
import dev.videoplatform.notification.v1.NotificationKind;
import dev.videoplatform.notification.v1.Preferences;
import dev.videoplatform.platform.outbox.OutboxWriter;
import dev.videoplatform.platform.outbox.OutboxWriter.Pending;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The other ways a new inbox row reaches its recipient: {@code notification.email} when they get
 * its kind by email, {@code notification.push} (with their devices) when push is on and they
 * registered a device. Recorded in the outbox in the transaction that writes the rows, so nothing
 * downstream (SMTP, the push gateway) can hold up or lose an inbox write. Per call one
 * preferences query, one devices query and one batch of outbox rows, which is empty when the
 * recipients get neither (a fan-out's usual case: new videos are in-app only by default).
 */
@ApplicationScoped
public class DeliveryEvents {

    private final PreferenceStore preferences;
    private final PushDevices devices;
    private final OutboxWriter outbox;

    public DeliveryEvents(PreferenceStore preferences, PushDevices devices, OutboxWriter outbox) {
        this.preferences = preferences;
        this.devices = devices;
        this.outbox = outbox;
    }

    /** Records the email and push events of {@code rows} with {@code tx}. */
    public Uni<Void> record(SqlConnection tx, List<InboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> recipients = new LinkedHashSet<>();
        rows.forEach(row -> recipients.add(row.recipientId()));
        return preferences.findAll(tx, recipients).flatMap(stored -> {
            Set<String> pushOn = new LinkedHashSet<>();
            recipients.stream().filter(r -> stored.getOrDefault(r, PreferenceSettings.DEFAULTS).getPushEnabled())
                    .forEach(pushOn::add);
            return devices.ofUsers(tx, pushOn).flatMap(devicesOf -> outbox.appendAll(tx, events(rows, stored, devicesOf)));
        });
    }

    private static List<Pending> events(List<InboxRow> rows, Map<String, Preferences> stored,
            Map<String, List<Device>> devicesOf) {
        List<Pending> events = new ArrayList<>();
        for (InboxRow row : rows) {
            Preferences p = stored.getOrDefault(row.recipientId(), PreferenceSettings.DEFAULTS);
            if (p.getEmailEnabled() && PreferenceSettings.deliveryOf(p, row.kind()) == Delivery.DELIVERY_EMAIL) {
                events.add(new Pending(row.recipientId(), email(row)));
            }
            List<Device> targets = devicesOf.get(row.recipientId());
            if (targets != null) {
                events.add(new Pending(row.recipientId(), push(row, targets)));
            }
        }
        return events;
    }

    /** The address is left to the sender, which reads the current one just before sending. */
    private static NotificationEmail email(InboxRow row) {
        return NotificationEmail.newBuilder().setNotificationId(row.id()).setUserId(row.recipientId())
                .setSubject(row.title()).setBodyText(row.body()).setTemplate(template(row.kind()))
                .setKind(EventNotificationKind.forNumber(row.kind().getNumber())).setVideoId(row.videoId())
                .setCommentId(row.commentId()).setActorUserId(row.actorId()).build();
    }

    private static NotificationPush push(InboxRow row, List<Device> devices) {
        NotificationPush.Builder push = NotificationPush.newBuilder().setNotificationId(row.id())
                .setUserId(row.recipientId()).setKind(EventNotificationKind.forNumber(row.kind().getNumber()))
                .setTitle(row.title()).setBody(row.body()).setVideoId(row.videoId()).setCommentId(row.commentId());
        devices.forEach(d -> push.addDevices(EventPushDevice.newBuilder()
                .setPlatform(EventPushPlatform.forNumber(d.platform().getNumber())).setToken(d.token())));
        return push.build();
    }

    private static String template(NotificationKind kind) {
        return switch (kind) {
            case NOTIFICATION_KIND_NEW_VIDEO -> "new-video";
            case NOTIFICATION_KIND_COMMENT_REPLY -> "comment-reply";
            case NOTIFICATION_KIND_NEW_COMMENT -> "new-comment";
            default -> "new-subscriber";
        };
    }
}
