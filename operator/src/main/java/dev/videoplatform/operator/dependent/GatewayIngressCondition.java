package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.crd.GatewaySpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The gateway's Ingress exists while the gateway and {@code spec.gateway.ingress.enabled} are on. */
public class GatewayIngressCondition implements Condition<Object, VideoPlatform> {

    @Override
    public boolean isMet(DependentResource<Object, VideoPlatform> dependentResource, VideoPlatform platform,
            Context<VideoPlatform> context) {
        GatewaySpec gateway = platform.getSpec().getGateway();
        return gateway.isEnabled() && gateway.getIngress().isEnabled();
    }
}
