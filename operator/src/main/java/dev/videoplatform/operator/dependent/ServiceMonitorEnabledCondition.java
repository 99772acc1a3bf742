package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.crd.VideoPlatform;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Keeps the ServiceMonitor while {@code spec.monitoring.serviceMonitor.enabled}; turning it off deletes it. */
public class ServiceMonitorEnabledCondition implements Condition<Object, VideoPlatform> {

    @Override
    public boolean isMet(DependentResource<Object, VideoPlatform> dependentResource, VideoPlatform platform,
            Context<VideoPlatform> context) {
        return platform.getSpec().getMonitoring().getServiceMonitor().isEnabled();
    }
}
