package dev.videoplatform.platform.events;

import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.platform.error.DomainException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Function;

/**
 * Processes each event at most once per consumer group: the event id is recorded in the
 * service's own database in the same transaction as the handler's effects. Transient failures
 * are retried with jittered back-off; poison and domain failures are not (they fail at once, and
 * the channel's dead-letter-queue strategy moves the record to {@code <topic>.dlq}). The handler
 * runs in a CONSUMER span that continues the producer's trace.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final String REMEMBER = "INSERT INTO processed_event (consumer_group, event_id) VALUES ($1, $2)"
            + " ON CONFLICT DO NOTHING";

    private final Pool pool;
    private final Tracer tracer;

    public IdempotentConsumer(Pool pool, Tracer tracer) {
        this.pool = pool;
        this.tracer = tracer;
    }

    /**
     * Parses {@code record} and hands its envelope to {@code handler} once. Completes with
     * {@code true} if the handler ran, {@code false} for a duplicate.
     */
    public Uni<Boolean> consume(String consumerGroup, byte[] record,
            Function<HandlerCall, Uni<Void>> handler) {
        EventEnvelope envelope = EventEnvelopes.parse(record);
        Span span = tracer.spanBuilder("consume " + envelope.getEventType())
                .setParent(EventEnvelopes.traceContext(envelope))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", envelope.getEventType())
                .setAttribute("messaging.message.id", envelope.getEventId())
                .setAttribute("messaging.consumer.group.name", consumerGroup)
                .startSpan();
        return pool.withTransaction(tx -> tx.preparedQuery(REMEMBER)
                        .execute(Tuple.of(consumerGroup, envelope.getEventId()))
                        .flatMap(result -> {
                            if (result.rowCount() == 0) {
                                return Uni.createFrom().item(false);
                            }
                            try (Scope ignored = span.makeCurrent()) {
                                return handler.apply(new HandlerCall(envelope, tx)).replaceWith(true);
                            }
                        }))
                .onFailure(IdempotentConsumer::isTransient).retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(3)).withJitter(0.3).atMost(5)
                .onItemOrFailure().invoke((processed, failure) -> {
                    if (failure != null) {
                        span.setStatus(StatusCode.ERROR, failure.getMessage());
                        span.recordException(failure);
                    } else {
                        span.setAttribute("videoplatform.duplicate", !processed);
                    }
                    span.end();
                });
    }

    /** What a handler gets: the event and the transaction its effects must use. */
    public record HandlerCall(EventEnvelope envelope, SqlConnection tx) {
    }

    static boolean isTransient(Throwable failure) {
        return !(failure instanceof PoisonEventException) && !(failure instanceof DomainException)
                && !(failure instanceof IllegalArgumentException);
    }
}
