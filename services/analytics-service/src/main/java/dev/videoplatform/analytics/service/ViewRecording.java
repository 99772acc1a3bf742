package dev.videoplatform.analytics.service;

import dev.videoplatform.analytics.ingest.ViewLog;
import dev.videoplatform.analytics.ingest.ViewReports;
import dev.videoplatform.analytics.metrics.ViewCounters;
import dev.videoplatform.analytics.v1.RecordViewRequest;
import dev.videoplatform.analytics.v1.RecordViewResponse;
import dev.videoplatform.analytics.v1.RecordViewsRequest;
import dev.videoplatform.analytics.v1.RecordViewsResponse;
import dev.videoplatform.events.v1.AnalyticsViewEvent;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** RecordView and RecordViews: validate, append to analytics.events, answer once Kafka has it. */
@ApplicationScoped
public class ViewRecording {

    private static final RecordViewResponse ACCEPTED = RecordViewResponse.newBuilder().setCounted(true).build();

    private final ViewReports reports;
    private final ViewLog log;
    private final ViewCounters counters;

    public ViewRecording(ViewReports reports, ViewLog log, ViewCounters counters) {
        this.reports = reports;
        this.log = log;
        this.counters = counters;
    }

    public Uni<RecordViewResponse> record(RecordViewRequest request, Caller caller) {
        AnalyticsViewEvent event;
        try {
            event = reports.toEvent(request.getView(), "view.", caller, Instant.now());
        } catch (DomainException e) {
            counters.rejected();
            throw e;
        }
        return log.append(event).invoke(counters::accepted).replaceWith(ACCEPTED);
    }

    /**
     * Each message like RecordView, except that an invalid one is counted as rejected instead of
     * failing the stream; the answer waits for every accepted report's acknowledgement, and a
     * failed append fails the stream (the client resends: reports are idempotent by request_id).
     */
    public Uni<RecordViewsResponse> recordAll(Multi<RecordViewsRequest> requests, Caller caller) {
        return Uni.createFrom().emitter(answer -> requests.subscribe().withSubscriber(new StreamedReports(
                request -> reports.toEvent(request.getView(), "view.", caller, Instant.now()), log, counters, answer)));
    }
}
