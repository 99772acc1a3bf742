package dev.videoplatform.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.UserUpdated;
import dev.videoplatform.events.v1.VideoDeleted;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The consumer span, recorded by the OpenTelemetry SDK: it continues the producer's trace. */
class TracedConsumerTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private final Tracer tracer = provider.get("test");
    private final TracedConsumer consumer = new TracedConsumer(tracer);

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void theHandlerRunsInAConsumerSpanOfTheProducersTrace() {
        Span producer = tracer.spanBuilder("produce").startSpan();
        EventEnvelope envelope;
        try (Scope ignored = producer.makeCurrent()) {
            envelope = EventEnvelopes.wrap("test", "u1", UserUpdated.newBuilder().setUserId("u1").build());
        } finally {
            producer.end();
        }
        AtomicReference<String> handlerTrace = new AtomicReference<>();

        consumer.consume("group-a", envelope.toByteArray(), UserUpdated.class, event -> {
            handlerTrace.set(Span.current().getSpanContext().getTraceId() + "/" + event.getUserId());
            return Uni.createFrom().voidItem();
        }).await().indefinitely();

        SpanData span = consumerSpan();
        assertEquals(producer.getSpanContext().getTraceId(), span.getTraceId());
        assertEquals(producer.getSpanContext().getSpanId(), span.getParentSpanId());
        assertEquals(producer.getSpanContext().getTraceId() + "/u1", handlerTrace.get());
        assertEquals("consume user.updated", span.getName());
        assertEquals("group-a", span.getAttributes().get(AttributeKey.stringKey("messaging.consumer.group.name")));
        assertEquals(envelope.getEventId(), span.getAttributes().get(AttributeKey.stringKey("messaging.message.id")));
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    }

    @Test
    void aFailingHandlerFailsAndIsRecordedOnTheSpan() {
        byte[] record = EventEnvelopes.wrap("test", "u1", UserUpdated.newBuilder().setUserId("u1").build()).toByteArray();

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> consumer.consume("group-a", record,
                UserUpdated.class, event -> {
                    throw new IllegalStateException("cache down");
                }).await().indefinitely());

        SpanData span = consumerSpan();
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertEquals("cache down", span.getStatus().getDescription());
        assertEquals(failure.getMessage(), span.getEvents().get(0).getAttributes()
                .get(AttributeKey.stringKey("exception.message")));
    }

    @Test
    void anEventOfAnotherTypeIsPoisonAndTheHandlerNeverRuns() {
        byte[] record = EventEnvelopes.wrap("test", "v1", VideoDeleted.newBuilder().setVideoId("v1").build()).toByteArray();

        PoisonEventException poison = assertThrows(PoisonEventException.class, () -> consumer.consume("group-a", record,
                UserUpdated.class, event -> Uni.createFrom().failure(new AssertionError("handler ran"))).await().indefinitely());

        assertEquals(poison.getMessage(), consumerSpan().getStatus().getDescription());
        assertEquals(StatusCode.ERROR, consumerSpan().getStatus().getStatusCode());
    }

    private SpanData consumerSpan() {
        List<SpanData> consumers = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.CONSUMER).toList();
        assertEquals(1, consumers.size(), consumers.toString());
        return consumers.get(0);
    }
}
