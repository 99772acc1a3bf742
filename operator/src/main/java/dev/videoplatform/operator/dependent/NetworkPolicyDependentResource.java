package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.catalog.PlatformService;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One NetworkPolicy per enabled service: its port admits only the gateway's pods and the pods of
 * the services that call it ({@link PlatformService#callers()}); nothing else in or out of the
 * cluster reaches it. Kubelet probes come from the node, which NetworkPolicies do not filter.
 * Every NetworkPolicy of the platform is this dependent's, so the older instance-wide policy is
 * deleted on upgrade (policies add up: it would otherwise keep every port open to every pod).
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.MANAGED_BY_SELECTOR))
public class NetworkPolicyDependentResource extends KubernetesDependentResource<NetworkPolicy, VideoPlatform>
        implements CRUDKubernetesBulkDependentResource<NetworkPolicy, VideoPlatform>,
        KubernetesBulkDependentResource<NetworkPolicy, VideoPlatform>, GarbageCollected<VideoPlatform> {

    public NetworkPolicyDependentResource() {
        super(NetworkPolicy.class);
    }

    @Override
    public Map<ResourceID, NetworkPolicy> desiredResources(VideoPlatform platform, Context<VideoPlatform> context) {
        Map<ResourceID, NetworkPolicy> desired = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.values()) {
            if (platform.getSpec().serviceSpec(service).isEnabled()) {
                NetworkPolicy policy = policy(platform, service);
                desired.put(ResourceID.fromResource(policy), policy);
            }
        }
        return desired;
    }

    private static NetworkPolicy policy(VideoPlatform platform, PlatformService service) {
        List<NetworkPolicyPeer> from = new ArrayList<>();
        from.add(pods(PlatformObjects.gatewaySelector(platform)));
        service.callers().forEach(caller -> from.add(pods(PlatformObjects.selectorLabels(platform, caller))));
        return new NetworkPolicyBuilder()
                .withMetadata(PlatformObjects.metadata(platform, PlatformObjects.serviceObjectName(platform, service),
                        PlatformObjects.serviceLabels(platform, service)))
                .withNewSpec()
                .withNewPodSelector().withMatchLabels(PlatformObjects.selectorLabels(platform, service)).endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .withFrom(from)
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(PlatformObjects.SERVICE_PORT)).endPort()
                .endIngress()
                .endSpec()
                .build();
    }

    private static NetworkPolicyPeer pods(Map<String, String> labels) {
        return new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelectorBuilder().withMatchLabels(labels).build()).build();
    }
}
