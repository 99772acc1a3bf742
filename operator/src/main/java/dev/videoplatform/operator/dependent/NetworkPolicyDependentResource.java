package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the services off the outside world: service pods accept ingress only from pods of the same
 * platform instance, so the gateway (once it exists, with its own open policy) is the only way in.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.MANAGED_BY_SELECTOR))
public class NetworkPolicyDependentResource extends CRUDKubernetesDependentResource<NetworkPolicy, VideoPlatform> {

    public NetworkPolicyDependentResource() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(VideoPlatform platform, Context<VideoPlatform> context) {
        Map<String, String> servicePods = new TreeMap<>();
        servicePods.put(PlatformObjects.LABEL_INSTANCE, platform.getMetadata().getName());
        servicePods.put(PlatformObjects.LABEL_COMPONENT, PlatformObjects.COMPONENT_SERVICE);
        Map<String, String> instancePods = new TreeMap<>();
        instancePods.put(PlatformObjects.LABEL_INSTANCE, platform.getMetadata().getName());
        instancePods.put(PlatformObjects.LABEL_PART_OF, "videoplatform");
        return new NetworkPolicyBuilder()
                .withMetadata(PlatformObjects.metadata(platform, PlatformObjects.networkPolicyName(platform),
                        PlatformObjects.labels(platform, "network-policy")))
                .withNewSpec()
                .withNewPodSelector().withMatchLabels(servicePods).endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .addNewFrom().withNewPodSelector().withMatchLabels(instancePods).endPodSelector().endFrom()
                .endIngress()
                .endSpec()
                .build();
    }
}
