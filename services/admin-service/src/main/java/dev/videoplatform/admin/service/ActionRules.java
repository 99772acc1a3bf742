package dev.videoplatform.admin.service;

import dev.videoplatform.platform.error.Violations;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** What every moderation request must satisfy, and what every audit entry records of its call. */
final class ActionRules {

    static final int MAX_ID = 64;
    static final int MAX_REASON = 1000;

    private ActionRules() {
    }

    static Violations id(Violations v, String value, String field) {
        return v.requireNonBlank(value, field).length(value, field, 0, MAX_ID);
    }

    static Violations reason(Violations v, String reason) {
        return v.length(reason, "reason", 1, MAX_REASON)
                .check(!reason.isEmpty() && reason.isBlank(), "reason", "must not be blank");
    }

    static Violations requestId(Violations v, String requestId) {
        return v.length(requestId, "request_id", 0, MAX_ID);
    }

    /** The W3C trace id of the call in progress; empty when it is not traced. */
    static String traceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : "";
    }
}
