package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.crd.GatewaySpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** How clients reach the platform: the gateway's Service (LoadBalancer by default) on port 80, or an Ingress in front of it. */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.GATEWAY_OBJECTS_SELECTOR))
public class GatewayServiceDependentResource extends CRUDKubernetesDependentResource<Service, VideoPlatform> {

    static final int PORT = 80;

    public GatewayServiceDependentResource() {
        super(Service.class);
    }

    @Override
    protected Service desired(VideoPlatform platform, Context<VideoPlatform> context) {
        return new ServiceBuilder()
                .withMetadata(PlatformObjects.metadata(platform, PlatformObjects.gatewayName(platform),
                        PlatformObjects.gatewayLabels(platform)))
                .withNewSpec()
                .withType(type(platform.getSpec().getGateway().getServiceType()))
                .withExternalTrafficPolicy(externalTrafficPolicy(platform.getSpec().getGateway().getServiceType()))
                .withSelector(PlatformObjects.gatewaySelector(platform))
                .addNewPort()
                .withName(GatewayDeploymentDependentResource.PORT_NAME)
                .withPort(PORT)
                .withTargetPort(new IntOrString(GatewayDeploymentDependentResource.PORT_NAME))
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(VideoPlatform platform, Context<VideoPlatform> context) {
        return PlatformObjects.id(platform, PlatformObjects.gatewayName(platform));
    }

    /**
     * Local keeps the client's address as the packet's source (no second hop through another node's
     * kube-proxy), so Envoy's x-forwarded-for and the per-client rate limits see the client, not a
     * node. Only Services reachable from outside the cluster take the field.
     */
    private static String externalTrafficPolicy(GatewaySpec.ServiceType type) {
        return type == GatewaySpec.ServiceType.CLUSTER_IP ? null : "Local";
    }

    private static String type(GatewaySpec.ServiceType type) {
        return switch (type) {
            case CLUSTER_IP -> "ClusterIP";
            case NODE_PORT -> "NodePort";
            case LOAD_BALANCER -> "LoadBalancer";
        };
    }
}
