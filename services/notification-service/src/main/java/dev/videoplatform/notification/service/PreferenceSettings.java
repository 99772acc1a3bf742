package dev.videoplatform.notification.service;

import dev.videoplatform.notification.repository.PreferenceStore;
import dev.videoplatform.notification.v1.Delivery;
import dev.videoplatform.notification.v1.NotificationKind;
import dev.videoplatform.notification.v1.Preferences;
import dev.videoplatform.notification.v1.UpdatePreferencesRequest;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.Violations;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The caller's notification preferences: the defaults until changed, then their stored row. */
@ApplicationScoped
public class PreferenceSettings {

    static final Preferences DEFAULTS = Preferences.newBuilder().setEmailEnabled(true).setPushEnabled(true)
            .setNewVideo(Delivery.DELIVERY_IN_APP).setCommentReply(Delivery.DELIVERY_EMAIL)
            .setNewComment(Delivery.DELIVERY_IN_APP).setNewSubscriber(Delivery.DELIVERY_IN_APP).build();
    static final int MAX_MUTED = 500;
    private static final Set<String> DELIVERY_PATHS = Set.of("new_video", "comment_reply", "new_comment", "new_subscriber");
    private static final Set<String> PATHS = Set.of("email_enabled", "push_enabled", "new_video", "comment_reply",
            "new_comment", "new_subscriber", "muted_channel_ids");

    private final PreferenceStore store;

    public PreferenceSettings(PreferenceStore store) {
        this.store = store;
    }

    @WithSpan
    public Uni<Preferences> get(Caller caller) {
        return current(store.pool(), caller.userId(), false);
    }

    @WithSpan
    public Uni<Preferences> update(UpdatePreferencesRequest request, Caller caller) {
        List<String> paths = request.getUpdateMask().getPathsList();
        validate(request.getPreferences(), paths);
        if (paths.isEmpty()) {
            return get(caller);
        }
        // The database keeps microseconds: answer the time a later read returns.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return store.pool().withTransaction(tx -> current(tx, caller.userId(), true).flatMap(before -> {
            Preferences after = merge(before, request.getPreferences(), paths);
            return store.save(tx, caller.userId(), after, now)
                    .replaceWith(after.toBuilder().setUpdateTime(NotificationViews.timestamp(now)).build());
        }));
    }

    /**
     * One-click unsubscribe: {@code kind} no longer by email (in the app only), or no email at
     * all for {@code NOTIFICATION_KIND_UNSPECIFIED} (a digest of several kinds).
     */
    @WithSpan
    public Uni<Void> stopEmails(String userId, NotificationKind kind) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return store.pool().withTransaction(tx -> current(tx, userId, true).flatMap(before -> {
            Preferences.Builder after = before.toBuilder().clearUpdateTime();
            if (kind == NotificationKind.NOTIFICATION_KIND_UNSPECIFIED) {
                after.setEmailEnabled(false);
            } else if (deliveryOf(before, kind) == Delivery.DELIVERY_EMAIL) {
                set(after, kind, Delivery.DELIVERY_IN_APP);
            }
            return store.save(tx, userId, after.build(), now);
        }));
    }

    /** How the user wants notifications of {@code kind}. */
    public static Delivery deliveryOf(Preferences p, NotificationKind kind) {
        return switch (kind) {
            case NOTIFICATION_KIND_NEW_VIDEO -> p.getNewVideo();
            case NOTIFICATION_KIND_COMMENT_REPLY -> p.getCommentReply();
            case NOTIFICATION_KIND_NEW_COMMENT -> p.getNewComment();
            case NOTIFICATION_KIND_NEW_SUBSCRIBER -> p.getNewSubscriber();
            default -> Delivery.DELIVERY_OFF;
        };
    }

    private static void set(Preferences.Builder p, NotificationKind kind, Delivery delivery) {
        switch (kind) {
            case NOTIFICATION_KIND_NEW_VIDEO -> p.setNewVideo(delivery);
            case NOTIFICATION_KIND_COMMENT_REPLY -> p.setCommentReply(delivery);
            case NOTIFICATION_KIND_NEW_COMMENT -> p.setNewComment(delivery);
            case NOTIFICATION_KIND_NEW_SUBSCRIBER -> p.setNewSubscriber(delivery);
            default -> throw new IllegalArgumentException("no preference for " + kind);
        }
    }

    private Uni<Preferences> current(SqlClient client, String userId, boolean forUpdate) {
        return store.find(client, userId, forUpdate).map(stored -> stored
                .map(s -> s.values().toBuilder().setUpdateTime(NotificationViews.timestamp(s.updatedAt())).build())
                .orElse(DEFAULTS));
    }

    private static Preferences merge(Preferences before, Preferences change, List<String> paths) {
        Preferences.Builder after = before.toBuilder().clearUpdateTime();
        for (String path : paths) {
            switch (path) {
                case "email_enabled" -> after.setEmailEnabled(change.getEmailEnabled());
                case "push_enabled" -> after.setPushEnabled(change.getPushEnabled());
                case "new_video" -> after.setNewVideo(change.getNewVideo());
                case "comment_reply" -> after.setCommentReply(change.getCommentReply());
                case "new_comment" -> after.setNewComment(change.getNewComment());
                case "new_subscriber" -> after.setNewSubscriber(change.getNewSubscriber());
                default -> after.clearMutedChannelIds()
                        .addAllMutedChannelIds(new LinkedHashSet<>(change.getMutedChannelIdsList()));
            }
        }
        return after.build();
    }

    private static Delivery delivery(Preferences p, String path) {
        return switch (path) {
            case "new_video" -> p.getNewVideo();
            case "comment_reply" -> p.getCommentReply();
            case "new_comment" -> p.getNewComment();
            default -> p.getNewSubscriber();
        };
    }

    private static void validate(Preferences change, List<String> paths) {
        Violations v = new Violations();
        for (String path : paths) {
            if (!PATHS.contains(path)) {
                v.add("update_mask", "unknown path '" + path + "'; allowed: " + String.join(", ", PATHS.stream().sorted().toList()));
            } else if (DELIVERY_PATHS.contains(path)) {
                Delivery delivery = delivery(change, path);
                v.check(delivery == Delivery.DELIVERY_UNSPECIFIED || delivery == Delivery.UNRECOGNIZED,
                        "preferences." + path, "must be DELIVERY_IN_APP, DELIVERY_EMAIL or DELIVERY_OFF");
            }
        }
        if (paths.contains("muted_channel_ids")) {
            v.check(change.getMutedChannelIdsCount() > MAX_MUTED, "preferences.muted_channel_ids",
                    "at most " + MAX_MUTED + " channels");
            for (int i = 0; i < change.getMutedChannelIdsCount(); i++) {
                v.length(change.getMutedChannelIds(i), "preferences.muted_channel_ids[" + i + "]", 1, 64);
            }
        }
        v.throwIfAny();
    }
}
