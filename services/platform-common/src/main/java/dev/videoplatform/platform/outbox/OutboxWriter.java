package dev.videoplatform.platform.outbox;

import com.google.protobuf.Message;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.platform.events.EventEnvelopes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records an event in the service's outbox inside the caller's transaction, so the state change
 * and the event commit or roll back together. The {@link OutboxRelay} publishes it later.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = "INSERT INTO outbox_event (event_id, topic, aggregate_key, envelope, traceparent)"
            + " VALUES ($1, $2, $3, $4, $5)";

    private final String producer;

    public OutboxWriter(@ConfigProperty(name = "quarkus.application.name") String producer) {
        this.producer = producer;
    }

    /** Wraps {@code payload} in an envelope (current trace included) and stores it with {@code tx}. */
    public Uni<EventEnvelope> append(SqlConnection tx, String aggregateKey, Message payload) {
        EventEnvelope envelope = EventEnvelopes.wrap(producer, aggregateKey, payload);
        return tx.preparedQuery(INSERT)
                .execute(Tuple.of(envelope.getEventId(), envelope.getEventType(), aggregateKey,
                        io.vertx.core.buffer.Buffer.buffer(envelope.toByteArray()),
                        envelope.getTrace().getTraceparent().isEmpty() ? null : envelope.getTrace().getTraceparent()))
                .replaceWith(envelope);
    }
}
