package dev.videoplatform.analytics.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ingest's and the aggregation's counters ({@code analytics.events}, by outcome): accepted
 * and rejected at the API; counted (a new view), repeated (only watch time), duplicate (a retried
 * report), late (past the grace, not counted), held (video not yet known), poison (unreadable).
 */
@ApplicationScoped
public class ViewCounters {

    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

    private final LongCounter events;
    private final Attributes accepted = outcome("accepted");
    private final Attributes rejected = outcome("rejected");
    private final Attributes counted = outcome("counted");
    private final Attributes repeated = outcome("repeated");
    private final Attributes duplicate = outcome("duplicate");
    private final Attributes late = outcome("late");
    private final Attributes held = outcome("held");
    private final Attributes poison = outcome("poison");

    public ViewCounters(Meter meter) {
        this.events = meter.counterBuilder("analytics.events").setDescription("View reports by outcome").build();
    }

    public void accepted() {
        events.add(1, accepted);
    }

    public void rejected() {
        events.add(1, rejected);
    }

    public void counted(boolean newView) {
        events.add(1, newView ? counted : repeated);
    }

    public void duplicate() {
        events.add(1, duplicate);
    }

    public void late() {
        events.add(1, late);
    }

    public void held() {
        events.add(1, held);
    }

    public void poison() {
        events.add(1, poison);
    }

    private static Attributes outcome(String value) {
        return Attributes.of(OUTCOME, value);
    }
}
