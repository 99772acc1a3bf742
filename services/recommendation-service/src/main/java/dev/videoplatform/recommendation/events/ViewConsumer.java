package dev.videoplatform.recommendation.events;

import dev.videoplatform.events.v1.AnalyticsViewEvent;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.TracedConsumer;
import dev.videoplatform.recommendation.repository.CoVisitationStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Views from {@code analytics.events} into co-visitation and the viewer's history. Idempotent in
 * Redis (the service has no database): the store remembers each view id for a week, so a
 * redelivered view, or a client's retried report with the same id, changes nothing. Anonymous
 * views are skipped: without a viewer id no two of them can be linked into a session.
 */
@ApplicationScoped
public class ViewConsumer {

    static final String GROUP = "recommendation-service";

    private final TracedConsumer consumer;
    private final CoVisitationStore coVisitation;

    public ViewConsumer(TracedConsumer consumer, CoVisitationStore coVisitation) {
        this.consumer = consumer;
        this.coVisitation = coVisitation;
    }

    @Incoming("analytics-events")
    public Uni<Void> onView(byte[] record) {
        return consumer.consume(GROUP, record, AnalyticsViewEvent.class, (envelope, view) -> {
            if (view.getViewerId().isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            String videoId = EventEnvelopes.requiredId(envelope, view.getVideoId(), "video_id");
            String viewId = view.getViewId().isEmpty() ? envelope.getEventId() : view.getViewId();
            Instant at = view.hasViewTime()
                    ? Instant.ofEpochSecond(view.getViewTime().getSeconds(), view.getViewTime().getNanos())
                    : EventEnvelopes.occurredAt(envelope);
            return coVisitation.record(viewId, view.getViewerId(), videoId, at).replaceWithVoid();
        });
    }
}
