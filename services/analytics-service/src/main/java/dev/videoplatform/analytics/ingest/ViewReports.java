package dev.videoplatform.analytics.ingest;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.videoplatform.analytics.config.AnalyticsConfig;
import dev.videoplatform.analytics.v1.View;
import dev.videoplatform.events.v1.AnalyticsViewEvent;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.ids.Uuid7;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/** Turns a client's view report into the event the aggregation counts, or INVALID_ARGUMENT naming each bad field. */
@ApplicationScoped
public class ViewReports {

    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final AnalyticsConfig.Ingest limits;

    public ViewReports(AnalyticsConfig config) {
        this.limits = config.ingest();
    }

    /** The event for {@code view} reported by {@code caller} at {@code now}; throws DomainException when invalid. */
    public AnalyticsViewEvent toEvent(View view, String prefix, Caller caller, Instant now) {
        Violations violations = new Violations();
        violations.check(!isUuid(view.getVideoId()), prefix + "video_id", "must be a video id (a UUID)");
        violations.check(!SESSION_ID.matcher(view.getSessionId()).matches(), prefix + "session_id",
                "must be 8–64 characters of A–Z, a–z, 0–9, _ and -");
        violations.check(!view.getRequestId().isEmpty() && !isUuid(view.getRequestId()), prefix + "request_id",
                "must be a UUID");
        checkDuration(violations, view.hasWatchDuration(), view.getWatchDuration(), limits.maxWatch(), prefix + "watch_duration");
        checkDuration(violations, view.hasPosition(), view.getPosition(), limits.maxPosition(), prefix + "position");
        Instant viewTime = now;
        if (view.hasClientTime()) {
            Timestamp time = view.getClientTime();
            viewTime = Instant.ofEpochSecond(time.getSeconds(), Math.max(0, Math.min(999_999_999, time.getNanos())));
            violations.check(viewTime.isAfter(now.plus(limits.maxClockSkew())), prefix + "client_time",
                    "must not be more than " + limits.maxClockSkew().toMinutes() + " minutes in the future");
            violations.check(viewTime.isBefore(now.minus(limits.maxAge())), prefix + "client_time",
                    "must not be more than " + limits.maxAge().toHours() + " hours old");
        }
        violations.throwIfAny();
        return AnalyticsViewEvent.newBuilder()
                .setViewId(view.getRequestId().isEmpty() ? Uuid7.next() : view.getRequestId())
                .setVideoId(view.getVideoId())
                .setViewerId(caller.authenticated() ? caller.userId() : "")
                .setSessionId(view.getSessionId())
                .setWatchDuration(view.getWatchDuration())
                .setPosition(view.getPosition())
                .setViewTime(Timestamp.newBuilder().setSeconds(viewTime.getEpochSecond()).setNanos(viewTime.getNano()))
                .build();
    }

    private static void checkDuration(Violations violations, boolean present, Duration value, java.time.Duration max, String field) {
        if (!present) {
            return;
        }
        boolean negative = value.getSeconds() < 0 || value.getNanos() < 0;
        violations.check(negative || value.getSeconds() > max.toSeconds()
                        || (value.getSeconds() == max.toSeconds() && value.getNanos() > 0),
                field, "must be between 0 and " + max.toHours() + " hours");
    }

    private static boolean isUuid(String value) {
        if (value.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
