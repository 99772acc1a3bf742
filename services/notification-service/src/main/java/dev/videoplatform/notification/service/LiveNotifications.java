package dev.videoplatform.notification.service;

import dev.videoplatform.notification.config.NotificationConfig;
import dev.videoplatform.notification.repository.Inbox;
import dev.videoplatform.notification.repository.InboxRow;
import dev.videoplatform.notification.v1.StreamNotificationsRequest;
import dev.videoplatform.notification.v1.StreamNotificationsResponse;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.cache.ChangeFeed;
import dev.videoplatform.platform.error.DomainException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * StreamNotifications across replicas. Whoever writes inbox rows announces them on the change
 * feed (Redis pub/sub, one subscription per replica) as {@code recipient:id} pairs; each replica
 * loads the rows of the recipients it holds streams for and sends them. The feed is at most
 * once: after a gap every stream catches up from the last row it sent.
 */
@ApplicationScoped
public class LiveNotifications implements ChangeFeed.Listener {

    static final String TOPIC = "notification";
    static final int REPLAY_LIMIT = 100;
    private static final Logger LOG = Logger.getLogger(LiveNotifications.class);

    private final Inbox inbox;
    private final ChangeFeed feed;
    private final FanOutOnRead onRead;
    private final Duration heartbeat;
    private final Duration maxDuration;
    private final Map<String, Set<LiveStream>> streams = new ConcurrentHashMap<>();

    public LiveNotifications(Inbox inbox, ChangeFeed feed, FanOutOnRead onRead, NotificationConfig config) {
        this.inbox = inbox;
        this.feed = feed;
        this.onRead = onRead;
        this.heartbeat = config.stream().heartbeat();
        this.maxDuration = config.stream().maxDuration();
        feed.listen(TOPIC, this);
    }

    /** Tells every replica that these rows were written (after their transaction committed). */
    public Uni<Void> announce(List<InboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return feed.publish(TOPIC, rows.stream().map(row -> row.recipientId() + ":" + row.id()).collect(Collectors.joining(",")));
    }

    public Multi<StreamNotificationsResponse> stream(StreamNotificationsRequest request, Caller caller) {
        String me = caller.userId();
        String after = request.getAfterNotificationId();
        // The unread count the stream starts with includes videos fanned out on read.
        Uni<List<InboxRow>> anchor = after.isEmpty() ? onRead.merge(me).replaceWith(List.<InboxRow>of())
                : onRead.merge(me).flatMap(x -> inbox.byIds(me, List.of(after))).invoke(found -> {
                    if (found.isEmpty()) {
                        throw DomainException.invalidArgument("after_notification_id", "is not a notification of yours");
                    }
                });
        return anchor.onItem().transformToMulti(found -> Multi.createFrom().<StreamNotificationsResponse>emitter(emitter -> {
            LiveStream stream = new LiveStream(me, emitter);
            streams.computeIfAbsent(me, k -> new CopyOnWriteArraySet<>()).add(stream);
            Cancellable heartbeats = stream.start(found.isEmpty() ? null : found.get(0));
            emitter.onTermination(() -> {
                heartbeats.cancel();
                streams.computeIfPresent(me, (k, set) -> {
                    set.remove(stream);
                    return set.isEmpty() ? null : set;
                });
            });
        })).select().first(maxDuration);
    }

    @Override
    public void changed(String key) {
        Map<String, List<String>> idsByRecipient = new HashMap<>();
        for (String pair : key.split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0 && streams.containsKey(pair.substring(0, colon))) {
                idsByRecipient.computeIfAbsent(pair.substring(0, colon), k -> new ArrayList<>()).add(pair.substring(colon + 1));
            }
        }
        idsByRecipient.forEach((recipient, ids) -> inbox.byIds(recipient, ids).subscribe().with(rows -> {
            for (LiveStream stream : streams.getOrDefault(recipient, Set.of())) {
                stream.send(rows);
            }
        }, failure -> LOG.warnf("new notifications of %s not streamed: %s", recipient, failure.getMessage())));
    }

    @Override
    public void gap() {
        streams.values().forEach(set -> set.forEach(LiveStream::catchUp));
    }

    /**
     * One connected stream: what it sent last, so a catch-up continues from there. Rows announced
     * before the first message and the replay have gone out are held until then, so the first
     * message stays first and nothing is sent twice.
     */
    private final class LiveStream {

        private final String userId;
        private final MultiEmitter<? super StreamNotificationsResponse> emitter;
        private final List<InboxRow> early = new ArrayList<>();
        private volatile boolean started;
        private volatile InboxRow last;

        LiveStream(String userId, MultiEmitter<? super StreamNotificationsResponse> emitter) {
            this.userId = userId;
            this.emitter = emitter;
        }

        /** The unread count, then what was missed after {@code anchor}; returns the heartbeats to stop at the end. */
        Cancellable start(InboxRow anchor) {
            last = anchor;
            Uni<List<InboxRow>> missed = anchor == null ? Uni.createFrom().item(List.of()) : inbox.after(anchor, REPLAY_LIMIT + 1);
            missed.flatMap(rows -> inbox.unreadCount(inbox.pool(), userId).invoke(unread -> {
                emitter.emit(StreamNotificationsResponse.newBuilder().setUnreadCount(unread)
                        .setMissedMore(rows.size() > REPLAY_LIMIT).build());
                List<InboxRow> replay = rows.size() > REPLAY_LIMIT ? rows.subList(rows.size() - REPLAY_LIMIT, rows.size()) : rows;
                emit(replay, unread);
                List<InboxRow> arrived;
                synchronized (this) {
                    started = true;
                    arrived = new ArrayList<>(early);
                    early.clear();
                }
                Set<String> replayed = replay.stream().map(InboxRow::id).collect(Collectors.toSet());
                emit(arrived.stream().filter(row -> !replayed.contains(row.id())).toList(), unread);
            })).subscribe().with(ok -> { }, emitter::fail);
            // A tick while the previous heartbeat still waits for its count is skipped, not a failure;
            // so is one before the first message is out (heartbeats never come first).
            return Multi.createFrom().ticks().every(heartbeat).onOverflow().drop().select().where(tick -> started)
                    .onItem().transformToUniAndConcatenate(tick -> inbox.unreadCount(inbox.pool(), userId))
                    .subscribe().with(unread -> emitter.emit(StreamNotificationsResponse.newBuilder().setHeartbeat(true)
                                    .setUnreadCount(unread).build()),
                            failure -> LOG.warnf("heartbeats of a stream stopped: %s", failure.getMessage()));
        }

        /** New rows of this user: sent with the unread count after them. */
        void send(List<InboxRow> rows) {
            synchronized (this) {
                if (!started) {
                    early.addAll(rows);
                    return;
                }
            }
            if (rows.isEmpty() || emitter.isCancelled()) {
                return;
            }
            inbox.unreadCount(inbox.pool(), userId).subscribe().with(unread -> emit(rows, unread),
                    failure -> LOG.warnf("notifications of %s not streamed: %s", userId, failure.getMessage()));
        }

        private void emit(List<InboxRow> rows, long unread) {
            for (InboxRow row : rows) {
                emitter.emit(StreamNotificationsResponse.newBuilder().setNotification(NotificationViews.of(row))
                        .setUnreadCount(unread).build());
                last = row;
            }
        }

        void catchUp() {
            InboxRow from = last;
            if (from != null) {
                inbox.after(from, REPLAY_LIMIT).subscribe().with(this::send,
                        failure -> LOG.warnf("catch-up of a stream failed: %s", failure.getMessage()));
            }
        }
    }
}
