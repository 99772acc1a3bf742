package dev.videoplatform.platform.events;

import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.TraceContext;
import dev.videoplatform.options.v1.OptionsProto;
import dev.videoplatform.platform.ids.Uuid7;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Building and reading {@link EventEnvelope}s: the event type (= topic) comes from the payload's
 * {@code event_type} option, the payload goes into the matching oneof case, and the current trace
 * context travels along as W3C traceparent/tracestate.
 */
public final class EventEnvelopes {

    private static final Descriptors.OneofDescriptor PAYLOAD = EventEnvelope.getDescriptor().getOneofs().stream()
            .filter(o -> o.getName().equals("payload")).findFirst().orElseThrow();
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private EventEnvelopes() {
    }

    /** Wraps {@code payload} for {@code aggregateKey} (the Kafka key), stamped now, with the current trace. */
    public static EventEnvelope wrap(String producer, String aggregateKey, Message payload) {
        Instant now = Instant.now();
        EventEnvelope.Builder envelope = EventEnvelope.newBuilder()
                .setEventId(Uuid7.next())
                .setEventType(eventType(payload.getDescriptorForType()))
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setProducer(producer)
                .setAggregateKey(aggregateKey)
                .setTrace(currentTrace());
        envelope.setField(caseFor(payload.getDescriptorForType()), payload);
        return envelope.build();
    }

    /** The topic a payload type travels on. */
    public static String eventType(Descriptors.Descriptor payloadType) {
        String type = payloadType.getOptions().getExtension(OptionsProto.eventType);
        if (type.isEmpty()) {
            throw new IllegalArgumentException(payloadType.getFullName() + " is not an event payload");
        }
        return type;
    }

    /**
     * The envelope's payload as {@code type}: the one way consumers decode events. No payload or
     * another type (an event on the wrong topic) is poison.
     */
    public static <T extends Message> T payload(EventEnvelope envelope, Class<T> type) {
        Descriptors.FieldDescriptor field = envelope.getOneofFieldDescriptor(PAYLOAD);
        if (field == null) {
            throw new PoisonEventException("event " + envelope.getEventId() + " (" + envelope.getEventType()
                    + ") has no payload, expected " + type.getSimpleName(), null);
        }
        Object payload = envelope.getField(field);
        if (!type.isInstance(payload)) {
            throw new PoisonEventException("event " + envelope.getEventId() + " (" + envelope.getEventType()
                    + ") carries " + field.getMessageType().getName() + ", expected " + type.getSimpleName(), null);
        }
        return type.cast(payload);
    }

    /**
     * When the event's state change happened, for consumers that let a later change win over an
     * earlier one whatever their arrival order; an event without it is poison.
     */
    public static Instant occurredAt(EventEnvelope envelope) {
        if (!envelope.hasOccurredAt()) {
            throw new PoisonEventException("event " + envelope.getEventId() + " has no occurred_at", null);
        }
        return Instant.ofEpochSecond(envelope.getOccurredAt().getSeconds(), envelope.getOccurredAt().getNanos());
    }

    /** A payload id the event cannot be applied without (the video, the user); empty is poison. */
    public static String requiredId(EventEnvelope envelope, String id, String field) {
        if (id.isEmpty()) {
            throw new PoisonEventException("event " + envelope.getEventId() + " (" + envelope.getEventType()
                    + ") has no " + field, null);
        }
        return id;
    }

    /** Parses a record value; anything unreadable is poison. */
    public static EventEnvelope parse(byte[] bytes) {
        try {
            EventEnvelope envelope = EventEnvelope.parseFrom(bytes);
            if (envelope.getEventId().isEmpty() || envelope.getPayloadCase() == EventEnvelope.PayloadCase.PAYLOAD_NOT_SET) {
                throw new PoisonEventException("not an event envelope (no id or no known payload)", null);
            }
            return envelope;
        } catch (InvalidProtocolBufferException e) {
            throw new PoisonEventException("not an event envelope: " + e.getMessage(), e);
        }
    }

    /** The OpenTelemetry context the producer was in, to continue its trace in a consumer. */
    public static Context traceContext(EventEnvelope envelope) {
        Map<String, String> carrier = new HashMap<>();
        if (!envelope.getTrace().getTraceparent().isEmpty()) {
            carrier.put("traceparent", envelope.getTrace().getTraceparent());
        }
        if (!envelope.getTrace().getTracestate().isEmpty()) {
            carrier.put("tracestate", envelope.getTrace().getTracestate());
        }
        return W3C.extract(Context.root(), carrier, MapGetter.INSTANCE);
    }

    private static TraceContext currentTrace() {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return TraceContext.newBuilder()
                .setTraceparent(carrier.getOrDefault("traceparent", ""))
                .setTracestate(carrier.getOrDefault("tracestate", ""))
                .build();
    }

    private static Descriptors.FieldDescriptor caseFor(Descriptors.Descriptor payloadType) {
        for (Descriptors.FieldDescriptor field : PAYLOAD.getFields()) {
            if (field.getMessageType().equals(payloadType)) {
                return field;
            }
        }
        throw new IllegalArgumentException(payloadType.getFullName() + " is not registered in EventEnvelope.payload");
    }

    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
