package dev.videoplatform.platform.events;

import dev.videoplatform.events.v1.EventEnvelope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * The CONSUMER span an event is handled in. Every consumer starts its span here so all of them
 * look alike in a trace: named {@code consume <topic>}, a child of the producer's span (the trace
 * context travels in the envelope), with the messaging attributes, failures recorded.
 */
public final class ConsumerSpan {

    private final Span span;

    private ConsumerSpan(Span span) {
        this.span = span;
    }

    public static ConsumerSpan start(Tracer tracer, String consumerGroup, EventEnvelope envelope) {
        return new ConsumerSpan(tracer.spanBuilder("consume " + envelope.getEventType())
                .setParent(EventEnvelopes.traceContext(envelope))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", envelope.getEventType())
                .setAttribute("messaging.message.id", envelope.getEventId())
                .setAttribute("messaging.consumer.group.name", consumerGroup)
                .startSpan());
    }

    public ConsumerSpan attribute(String key, String value) {
        span.setAttribute(key, value);
        return this;
    }

    public ConsumerSpan attribute(String key, boolean value) {
        span.setAttribute(key, value);
        return this;
    }

    /** Makes the span the parent of what the handler does (database calls, events it sends). */
    public Scope makeCurrent() {
        return span.makeCurrent();
    }

    /**
     * Builds the handler's work with the span current; a handler that throws instead of
     * returning a failed {@code Uni} fails the same way.
     */
    public <T> Uni<T> inside(Supplier<Uni<T>> work) {
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** Ends the span when {@code work} completes, recording its failure. */
    public <T> Uni<T> endWhenDone(Uni<T> work) {
        return work.onItemOrFailure().invoke((item, failure) -> {
            if (failure != null) {
                failed(failure);
            }
            end();
        });
    }

    public void failed(Throwable failure) {
        span.setStatus(StatusCode.ERROR, failure.getMessage());
        span.recordException(failure);
    }

    /** A failure without an exception (for example, a worker told to stop). */
    public void failed(String reason) {
        span.setStatus(StatusCode.ERROR, reason);
    }

    public void end() {
        span.end();
    }
}
