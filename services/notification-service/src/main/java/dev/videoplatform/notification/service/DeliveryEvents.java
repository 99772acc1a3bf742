package dev.videoplatform.notification.service;

import dev.videoplatform.events.v1.EventNotificationKind;
import dev.videoplatform.events.v1.EventPushDevice;
import dev.videoplatform.events.v1.EventPushPlatform;
import dev.videoplatform.events.v1.NotificationEmail;
import dev.videoplatform.events.v1.NotificationPush;
import dev.videoplatform.events.v1.PushRecipient;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The other ways a new inbox row reaches its recipient: {@code notification.email} when they get
 * its kind by email, {@code notification.push} (with their devices) when push is on and they
 * registered a device: one push event for up to 100 recipients told the same thing, so a fan-out
 * page costs the outbox, the relay and Kafka a few rows, not one per recipient. Recorded in the
 * outbox in the transaction that writes the rows, so nothing downstream (SMTP, the push gateway)
 * can hold up or lose an inbox write. Per call one preferences query, one devices query and one
 * batch of outbox rows, which is empty when the recipients get neither (a fan-out's usual case:
 * new videos are in-app only by default).
 */
@ApplicationScoped
public class DeliveryEvents {

    /** Bounds of one push event (the contract in events.proto says them). */
    static final int PUSH_RECIPIENTS = 100;
    static final int PUSH_BYTES = 512 * 1024;

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
        // Rows that tell the same thing share push events (a fan-out page: all of them).
        Map<NotificationPush, List<PushRecipient>> pushes = new LinkedHashMap<>();
        for (InboxRow row : rows) {
            Preferences p = stored.getOrDefault(row.recipientId(), PreferenceSettings.DEFAULTS);
            if (p.getEmailEnabled() && PreferenceSettings.deliveryOf(p, row.kind()) == Delivery.DELIVERY_EMAIL) {
                events.add(new Pending(row.recipientId(), email(row)));
            }
            List<Device> targets = devicesOf.get(row.recipientId());
            if (targets != null) {
                pushes.computeIfAbsent(told(row), k -> new ArrayList<>()).add(recipient(row, targets));
            }
        }
        pushes.forEach((told, recipients) -> events.addAll(push(told, recipients)));
        return events;
    }

    /** The address is left to the sender, which reads the current one just before sending. */
    private static NotificationEmail email(InboxRow row) {
        return NotificationEmail.newBuilder().setNotificationId(row.id()).setUserId(row.recipientId())
                .setSubject(row.title()).setBodyText(row.body()).setTemplate(template(row.kind()))
                .setKind(EventNotificationKind.forNumber(row.kind().getNumber())).setVideoId(row.videoId())
                .setCommentId(row.commentId()).setActorUserId(row.actorId()).build();
    }

    private static PushRecipient recipient(InboxRow row, List<Device> devices) {
        PushRecipient.Builder recipient = PushRecipient.newBuilder().setNotificationId(row.id()).setUserId(row.recipientId());
        devices.forEach(d -> recipient.addDevices(EventPushDevice.newBuilder()
                .setPlatform(EventPushPlatform.forNumber(d.platform().getNumber())).setToken(d.token())));
        return recipient.build();
    }

    /** What a row tells, without its recipient: the part of a push event its recipients share. */
    static NotificationPush told(InboxRow row) {
        return NotificationPush.newBuilder().setKind(EventNotificationKind.forNumber(row.kind().getNumber()))
                .setTitle(row.title()).setBody(row.body()).setVideoId(row.videoId()).setCommentId(row.commentId()).build();
    }

    /**
     * {@code shared} for {@code recipients}: as few events as the bounds allow (at most
     * {@link #PUSH_RECIPIENTS} recipients and {@link #PUSH_BYTES} of them an event, well inside
     * Kafka's default 1 MiB record: a recipient has at most 10 tokens of at most 2,048 characters).
     */
    static List<Pending> push(NotificationPush shared, List<PushRecipient> recipients) {
        List<Pending> events = new ArrayList<>();
        NotificationPush.Builder event = null;
        int bytes = 0;
        for (PushRecipient recipient : recipients) {
            if (event == null || event.getRecipientsCount() == PUSH_RECIPIENTS
                    || bytes + recipient.getSerializedSize() > PUSH_BYTES) {
                if (event != null) {
                    events.add(pending(event));
                }
                event = shared.toBuilder();
                bytes = 0;
            }
            event.addRecipients(recipient);
            bytes += recipient.getSerializedSize();
        }
        events.add(pending(event));
        return events;
    }

    private static Pending pending(NotificationPush.Builder event) {
        return new Pending(event.getRecipients(0).getUserId(), event.build());
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
