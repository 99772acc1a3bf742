package dev.videoplatform.platform.events;

import com.google.protobuf.Message;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.platform.error.DomainException;
import io.opentelemetry.api.trace.Tracer;
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
 * runs in the event's {@link ConsumerSpan}, which continues the producer's trace.
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
     * Parses {@code record}, decodes its payload as {@code type} and hands both to {@code handler}
     * once. Completes with {@code true} if the handler ran, {@code false} for a duplicate.
     */
    public <T extends Message> Uni<Boolean> consume(String consumerGroup, byte[] record, Class<T> type,
            Function<HandlerCall<T>, Uni<Void>> handler) {
        EventEnvelope envelope = EventEnvelopes.parse(record);
        ConsumerSpan span = ConsumerSpan.start(tracer, consumerGroup, envelope);
        return span.endWhenDone(pool.withTransaction(tx -> tx.preparedQuery(REMEMBER)
                        .execute(Tuple.of(consumerGroup, envelope.getEventId()))
                        .flatMap(result -> {
                            if (result.rowCount() == 0) {
                                return Uni.createFrom().item(false);
                            }
                            return span.inside(() -> handler.apply(
                                    new HandlerCall<>(envelope, EventEnvelopes.payload(envelope, type), tx))).replaceWith(true);
                        }))
                .onFailure(IdempotentConsumer::isTransient).retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(3)).withJitter(0.3).atMost(5)
                .invoke(processed -> span.attribute("videoplatform.duplicate", !processed)));
    }

    /** What a handler gets: the event, its decoded payload and the transaction its effects must use. */
    public record HandlerCall<T extends Message>(EventEnvelope envelope, T event, SqlConnection tx) {
    }

    static boolean isTransient(Throwable failure) {
        return !(failure instanceof PoisonEventException) && !(failure instanceof DomainException)
                && !(failure instanceof IllegalArgumentException);
    }
}
