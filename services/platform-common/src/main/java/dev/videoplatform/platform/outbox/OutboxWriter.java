package dev.videoplatform.platform.outbox;

import com.google.protobuf.Message;
import dev.videoplatform.events.EventCatalog;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.platform.events.EventEnvelopes;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records an event in the service's outbox inside the caller's transaction, so the state change
 * and the event commit or roll back together. The {@link OutboxRelay} publishes it later.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = "INSERT INTO outbox_event (event_id, topic, aggregate_key, envelope, traceparent)"
            + " VALUES ($1, $2, $3, $4, $5)";

    // unnest keeps the arrays' order, so the relay (which sends in id order) sends them in the caller's.
    private static final String INSERT_ALL = "INSERT INTO outbox_event (event_id, topic, aggregate_key, envelope, traceparent)"
            + " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::text[])";

    private final String producer;

    public OutboxWriter(@ConfigProperty(name = "quarkus.application.name") String producer) {
        this.producer = producer;
    }

    /** An event to record: its payload and the aggregate it is about (the record key). */
    public record Pending(String aggregateKey, Message payload) {
    }

    /** Wraps {@code payload} in an envelope (current trace included) and stores it with {@code tx}. */
    public Uni<EventEnvelope> append(SqlConnection tx, String aggregateKey, Message payload) {
        EventEnvelope envelope = EventEnvelopes.wrap(producer, aggregateKey, payload);
        return tx.preparedQuery(INSERT).execute(row(envelope.getEventType(), envelope)).replaceWith(envelope);
    }

    /**
     * Several events in one statement, e.g. one per recipient of a fan-out page: one INSERT of
     * arrays, where a batch of single-row INSERTs costs the database a statement per event.
     */
    public Uni<Void> appendAll(SqlConnection tx, List<Pending> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        String[] ids = new String[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        Buffer[] envelopes = new Buffer[n];
        String[] traces = new String[n];
        for (int i = 0; i < n; i++) {
            Pending event = events.get(i);
            EventEnvelope envelope = EventEnvelopes.wrap(producer, event.aggregateKey(), event.payload());
            ids[i] = envelope.getEventId();
            topics[i] = envelope.getEventType();
            keys[i] = envelope.getAggregateKey();
            envelopes[i] = Buffer.buffer(envelope.toByteArray());
            traces[i] = traceparent(envelope);
        }
        return tx.preparedQuery(INSERT_ALL).execute(Tuple.of(ids, topics, keys, envelopes, traces)).replaceWithVoid();
    }

    /**
     * Parks an event this service consumed but gave up on (e.g. after its last retry) on the
     * event type's dead-letter topic, unchanged, with {@code tx}.
     */
    public Uni<Void> appendDeadLetter(SqlConnection tx, EventEnvelope envelope) {
        String topic = EventCatalog.deadLetterTopic(envelope.getEventType());
        // The outbox row's id is unique and the event may have left through this outbox already.
        return tx.preparedQuery(INSERT).execute(row(envelope.getEventId() + "@" + topic, topic, envelope)).replaceWithVoid();
    }

    private static Tuple row(String topic, EventEnvelope envelope) {
        return row(envelope.getEventId(), topic, envelope);
    }

    private static Tuple row(String rowId, String topic, EventEnvelope envelope) {
        return Tuple.of(rowId, topic, envelope.getAggregateKey(), Buffer.buffer(envelope.toByteArray()), traceparent(envelope));
    }

    private static String traceparent(EventEnvelope envelope) {
        return envelope.getTrace().getTraceparent().isEmpty() ? null : envelope.getTrace().getTraceparent();
    }
}
