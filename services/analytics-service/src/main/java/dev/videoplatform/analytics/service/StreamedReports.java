package dev.videoplatform.analytics.service;

import dev.videoplatform.analytics.ingest.ViewLog;
import dev.videoplatform.analytics.metrics.ViewCounters;
import dev.videoplatform.analytics.v1.RecordViewsRequest;
import dev.videoplatform.analytics.v1.RecordViewsResponse;
import dev.videoplatform.events.v1.AnalyticsViewEvent;
import dev.videoplatform.platform.error.DomainException;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One RecordViews stream: each report validated ({@code toEvent} throws the violation) and sent
 * to Kafka, at most {@link #IN_FLIGHT} unacknowledged at a time (the client's stream is read as
 * Kafka acknowledges, so a fast client waits instead of filling the producer's buffer), and the
 * answer once the client has ended the stream and Kafka has every report. Counters and credit
 * instead of one Uni per report merged back: such a merge rescans the reports in flight on every
 * acknowledgement, on the producer's only I/O thread, which then sends less.
 */
final class StreamedReports implements MultiSubscriber<RecordViewsRequest> {

    static final int IN_FLIGHT = 1024;

    private final Function<RecordViewsRequest, AnalyticsViewEvent> toEvent;
    private final ViewLog log;
    private final ViewCounters counters;
    private final UniEmitter<? super RecordViewsResponse> answer;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    /** Reports sent and not yet acknowledged, plus one while the client's stream is open. */
    private final AtomicInteger pending = new AtomicInteger(1);
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile Flow.Subscription subscription;

    StreamedReports(Function<RecordViewsRequest, AnalyticsViewEvent> toEvent, ViewLog log, ViewCounters counters,
            UniEmitter<? super RecordViewsResponse> answer) {
        this.toEvent = toEvent;
        this.log = log;
        this.counters = counters;
        this.answer = answer;
        answer.onTermination(() -> {
            Flow.Subscription s = subscription;
            if (s != null && answered.compareAndSet(false, true)) {
                s.cancel();
            }
        });
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(IN_FLIGHT);
    }

    @Override
    public void onItem(RecordViewsRequest request) {
        AnalyticsViewEvent event;
        try {
            event = toEvent.apply(request);
        } catch (DomainException e) {
            rejected.incrementAndGet();
            counters.rejected();
            subscription.request(1);
            return;
        } catch (RuntimeException e) {
            // A subscriber must not throw: anything else fails the stream (as GrpcErrors maps it).
            fail(e);
            return;
        }
        pending.incrementAndGet();
        log.append(event, this::acknowledged);
    }

    /** Kafka's answer for one report: null when it has it; a refusal fails the stream (the client resends it). */
    private void acknowledged(DomainException refused) {
        if (refused != null) {
            fail(refused);
            return;
        }
        accepted.incrementAndGet();
        counters.accepted();
        subscription.request(1);
        settle();
    }

    @Override
    public void onFailure(Throwable failure) {
        fail(failure);
    }

    @Override
    public void onCompletion() {
        settle();
    }

    private void settle() {
        if (pending.decrementAndGet() == 0 && answered.compareAndSet(false, true)) {
            answer.complete(RecordViewsResponse.newBuilder().setAcceptedCount(accepted.get())
                    .setRejectedCount(rejected.get()).build());
        }
    }

    private void fail(Throwable failure) {
        if (answered.compareAndSet(false, true)) {
            subscription.cancel();
            answer.fail(failure);
        }
    }
}
