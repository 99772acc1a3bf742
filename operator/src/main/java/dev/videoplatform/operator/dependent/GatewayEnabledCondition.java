package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.crd.VideoPlatform;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Activates the gateway's objects while {@code spec.gateway.enabled}; turning it off deletes them. */
public class GatewayEnabledCondition implements Condition<Object, VideoPlatform> {

    @Override
    public boolean isMet(DependentResource<Object, VideoPlatform> dependentResource, VideoPlatform platform,
            Context<VideoPlatform> context) {
        return platform.getSpec().getGateway().isEnabled();
    }
}
