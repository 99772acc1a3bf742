package dev.videoplatform.operator.status;

/** Whether the operator could bring every object in line with the spec, and if not, why. */
public record ReconcileOutcome(boolean reconciled, String reason, String message) {

    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String RECONCILE_FAILED = "ReconcileFailed";
    public static final String KAFKA_TOPICS_FAILED = "KafkaTopicsFailed";
    public static final String DATABASES_FAILED = "DatabasesFailed";
    public static final String SERVICE_MONITOR_UNAVAILABLE = "ServiceMonitorUnavailable";

    public static ReconcileOutcome success() {
        return new ReconcileOutcome(true, "ReconcileSucceeded", "Every object matches the spec");
    }

    public static ReconcileOutcome failed(String reason, String message) {
        return new ReconcileOutcome(false, reason, message);
    }
}
