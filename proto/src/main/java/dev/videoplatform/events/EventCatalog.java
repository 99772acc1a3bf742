package dev.videoplatform.events;

import com.google.protobuf.Descriptors;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.options.v1.OptionsProto;
import java.util.List;

/**
 * Every Kafka topic of the platform, read from the contracts: one per event payload registered
 * in {@code EventEnvelope.payload} (its {@code event_type} option), each with a dead-letter topic.
 * The devstack and the operator create topics from this list, so it cannot drift from the protos.
 */
public final class EventCatalog {

    private EventCatalog() {
    }

    /** Event types (= topic names), sorted. */
    public static List<String> topics() {
        Descriptors.OneofDescriptor payload = EventEnvelope.getDescriptor().getOneofs().stream()
                .filter(o -> o.getName().equals("payload")).findFirst().orElseThrow();
        return payload.getFields().stream()
                .map(field -> field.getMessageType().getOptions().getExtension(OptionsProto.eventType))
                .sorted()
                .toList();
    }

    /** Where a consumer parks records it can never process. */
    public static String deadLetterTopic(String topic) {
        return topic + ".dlq";
    }

    /** Topics and their dead-letter topics. */
    public static List<String> topicsWithDeadLetters() {
        return topics().stream().flatMap(t -> java.util.stream.Stream.of(t, deadLetterTopic(t))).toList();
    }
}
