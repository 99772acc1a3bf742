package dev.videoplatform.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts finished reconciliations per VideoPlatform through JOSDK's monitoring hook, which the SDK
 * calls after a reconciliation has done all its work, status patch included. Tests use it to know
 * that a reconcile they triggered is over.
 */
@Singleton
public class ReconciliationCounter implements Metrics {

    private final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();

    @Override
    public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
        finished.computeIfAbsent(resource.getMetadata().getName(), name -> new AtomicInteger()).incrementAndGet();
    }

    public int finished(String name) {
        AtomicInteger count = finished.get(name);
        return count != null ? count.get() : 0;
    }
}
