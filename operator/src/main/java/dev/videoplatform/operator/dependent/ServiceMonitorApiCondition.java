package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.crd.VideoPlatform;
import dev.videoplatform.operator.prometheus.ServiceMonitor;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Activates the ServiceMonitor dependent only where the cluster serves the kind: without the
 * Prometheus Operator's CRDs its informer could not start and would fail every reconcile (the
 * reconciler reports the missing API in the status when a ServiceMonitor is asked for).
 */
public class ServiceMonitorApiCondition implements Condition<Object, VideoPlatform> {

    @Override
    public boolean isMet(DependentResource<Object, VideoPlatform> dependentResource, VideoPlatform platform,
            Context<VideoPlatform> context) {
        return ServiceMonitor.served(context.getClient());
    }
}
