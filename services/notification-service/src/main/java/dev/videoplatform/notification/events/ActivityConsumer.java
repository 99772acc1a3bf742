package dev.videoplatform.notification.events;

import com.google.protobuf.Message;
import dev.videoplatform.events.v1.CommentCreated;
import dev.videoplatform.events.v1.UserSubscribed;
import dev.videoplatform.notification.repository.InboxRow;
import dev.videoplatform.notification.service.ActivityNotifications;
import dev.videoplatform.notification.service.DeliveryEvents;
import dev.videoplatform.notification.service.LiveNotifications;
import dev.videoplatform.platform.events.IdempotentConsumer;
import dev.videoplatform.platform.events.IdempotentConsumer.HandlerCall;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Comments, replies and new subscribers → notifications of the one or two users concerned. */
@ApplicationScoped
public class ActivityConsumer {

    static final String GROUP = "notification-service";

    private final IdempotentConsumer consumer;
    private final ActivityNotifications notifications;
    private final LiveNotifications live;
    private final DeliveryEvents deliveries;

    public ActivityConsumer(IdempotentConsumer consumer, ActivityNotifications notifications, LiveNotifications live,
            DeliveryEvents deliveries) {
        this.consumer = consumer;
        this.deliveries = deliveries;
        this.notifications = notifications;
        this.live = live;
    }

    @Incoming("comment-created")
    public Uni<Void> onCommentCreated(byte[] record) {
        return consumeAndAnnounce(record, CommentCreated.class,
                call -> notifications.commented(call.tx(), call.envelope(), call.event()));
    }

    @Incoming("user-subscribed")
    public Uni<Void> onUserSubscribed(byte[] record) {
        return consumeAndAnnounce(record, UserSubscribed.class,
                call -> notifications.subscribed(call.tx(), call.envelope(), call.event()));
    }

    /** Emails and pushes commit with the rows. Streams see the rows once their transaction has committed; a retried transaction's rows replace the failed one's. */
    private <T extends Message> Uni<Void> consumeAndAnnounce(byte[] record, Class<T> type,
            Function<HandlerCall<T>, Uni<List<InboxRow>>> handler) {
        AtomicReference<List<InboxRow>> written = new AtomicReference<>(List.of());
        return consumer.consume(GROUP, record, type, call -> handler.apply(call)
                        .call(rows -> deliveries.record(call.tx(), rows)).invoke(written::set).replaceWithVoid())
                .call(() -> live.announce(written.get())).replaceWithVoid();
    }
}
