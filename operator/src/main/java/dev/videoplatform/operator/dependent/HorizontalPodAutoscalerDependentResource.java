package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.catalog.PlatformService;
import dev.videoplatform.operator.crd.AutoscalingSpec;
import dev.videoplatform.operator.crd.ServiceSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
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

/** An autoscaling/v2 HorizontalPodAutoscaler on CPU for each enabled service that has autoscaling on. */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.MANAGED_BY_SELECTOR))
public class HorizontalPodAutoscalerDependentResource
        extends KubernetesDependentResource<HorizontalPodAutoscaler, VideoPlatform>
        implements CRUDKubernetesBulkDependentResource<HorizontalPodAutoscaler, VideoPlatform>,
        KubernetesBulkDependentResource<HorizontalPodAutoscaler, VideoPlatform>, GarbageCollected<VideoPlatform> {

    public HorizontalPodAutoscalerDependentResource() {
        super(HorizontalPodAutoscaler.class);
    }

    @Override
    public Map<ResourceID, HorizontalPodAutoscaler> desiredResources(VideoPlatform platform,
            Context<VideoPlatform> context) {
        Map<ResourceID, HorizontalPodAutoscaler> desired = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.values()) {
            ServiceSpec serviceSpec = platform.getSpec().serviceSpec(service);
            if (serviceSpec.isEnabled() && serviceSpec.getAutoscaling().isEnabled()) {
                HorizontalPodAutoscaler autoscaler = autoscaler(platform, service, serviceSpec.getAutoscaling());
                desired.put(ResourceID.fromResource(autoscaler), autoscaler);
            }
        }
        return desired;
    }

    private static HorizontalPodAutoscaler autoscaler(VideoPlatform platform, PlatformService service,
            AutoscalingSpec autoscaling) {
        String name = PlatformObjects.serviceObjectName(platform, service);
        return new HorizontalPodAutoscalerBuilder()
                .withMetadata(PlatformObjects.metadata(platform, name, PlatformObjects.serviceLabels(platform, service)))
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(name)
                .endScaleTargetRef()
                .withMinReplicas(autoscaling.getMinReplicas())
                .withMaxReplicas(autoscaling.getMaxReplicas())
                .addNewMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget().withType("Utilization")
                .withAverageUtilization(autoscaling.getTargetCpuUtilizationPercentage()).endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .build();
    }
}
