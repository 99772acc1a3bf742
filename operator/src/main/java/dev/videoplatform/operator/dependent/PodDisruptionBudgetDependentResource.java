package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.catalog.PlatformService;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PodDisruptionBudget per enabled service. {@code maxUnavailable: 1} rather than a
 * {@code minAvailable} so that a one-replica service never blocks a node drain.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.MANAGED_BY_SELECTOR))
public class PodDisruptionBudgetDependentResource extends KubernetesDependentResource<PodDisruptionBudget, VideoPlatform>
        implements CRUDKubernetesBulkDependentResource<PodDisruptionBudget, VideoPlatform>,
        KubernetesBulkDependentResource<PodDisruptionBudget, VideoPlatform>, GarbageCollected<VideoPlatform> {

    public PodDisruptionBudgetDependentResource() {
        super(PodDisruptionBudget.class);
    }

    @Override
    public Map<ResourceID, PodDisruptionBudget> desiredResources(VideoPlatform platform,
            Context<VideoPlatform> context) {
        Map<ResourceID, PodDisruptionBudget> desired = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.values()) {
            if (platform.getSpec().serviceSpec(service).isEnabled()) {
                PodDisruptionBudget budget = new PodDisruptionBudgetBuilder()
                        .withMetadata(PlatformObjects.metadata(platform,
                                PlatformObjects.serviceObjectName(platform, service),
                                PlatformObjects.serviceLabels(platform, service)))
                        .withNewSpec()
                        .withMaxUnavailable(new IntOrString(1))
                        .withNewSelector().withMatchLabels(PlatformObjects.selectorLabels(platform, service))
                        .endSelector()
                        .endSpec()
                        .build();
                desired.put(ResourceID.fromResource(budget), budget);
            }
        }
        return desired;
    }
}
