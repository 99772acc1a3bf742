package dev.videoplatform.platform.probe;

import dev.videoplatform.events.v1.UserUpdated;
import dev.videoplatform.platform.events.IdempotentConsumer;
import dev.videoplatform.platform.events.PoisonEventException;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A consumer as a service would write one: idempotent, its effect in the same transaction. */
@ApplicationScoped
public class ProbeUserUpdatedConsumer {

    private final IdempotentConsumer consumer;

    public ProbeUserUpdatedConsumer(IdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("user-updated")
    public Uni<Void> onUserUpdated(byte[] record) {
        return consumer.consume("probe", record, UserUpdated.class, call -> {
            if (call.event().getDisplayName().equals("poison")) {
                throw new PoisonEventException("display name 'poison' can never be applied", null);
            }
            String traceId = Span.current().getSpanContext().getTraceId();
            return call.tx().preparedQuery("INSERT INTO probe_effect (event_id, trace_id) VALUES ($1, $2)")
                    .execute(Tuple.of(call.envelope().getEventId(), traceId)).replaceWithVoid();
        }).replaceWithVoid();
    }
}
