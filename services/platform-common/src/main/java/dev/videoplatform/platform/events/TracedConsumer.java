package dev.videoplatform.platform.events;

import com.google.protobuf.Message;
import dev.videoplatform.events.v1.EventEnvelope;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * For consumers whose effect is idempotent by itself (dropping a cache entry, re-indexing a
 * document), so they need no {@code processed_event} table: decodes the record and runs the
 * handler in the event's {@link ConsumerSpan}. Unreadable or wrong-type records fail as
 * {@link PoisonEventException} and go to the channel's DLQ. Consumers with database effects use
 * {@link IdempotentConsumer}.
 */
@ApplicationScoped
public class TracedConsumer {

    private final Tracer tracer;

    public TracedConsumer(Tracer tracer) {
        this.tracer = tracer;
    }

    public <T extends Message> Uni<Void> consume(String consumerGroup, byte[] record, Class<T> type,
            Function<T, Uni<Void>> handler) {
        return consume(consumerGroup, record, type, (envelope, payload) -> handler.apply(payload));
    }

    /**
     * The same, for handlers that also need the envelope: its time (the later change wins) or its
     * id (a consumer that remembers processed events itself, in Redis).
     */
    public <T extends Message> Uni<Void> consume(String consumerGroup, byte[] record, Class<T> type,
            BiFunction<EventEnvelope, T, Uni<Void>> handler) {
        EventEnvelope envelope = EventEnvelopes.parse(record);
        ConsumerSpan span = ConsumerSpan.start(tracer, consumerGroup, envelope);
        return span.endWhenDone(span.inside(() -> handler.apply(envelope, EventEnvelopes.payload(envelope, type))));
    }
}
