package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.catalog.PlatformService;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
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

/** One ClusterIP Service per enabled service, on the single gRPC + HTTP port. */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.SERVICE_OBJECTS_SELECTOR))
public class ServiceDependentResource extends KubernetesDependentResource<Service, VideoPlatform>
        implements CRUDKubernetesBulkDependentResource<Service, VideoPlatform>,
        KubernetesBulkDependentResource<Service, VideoPlatform>, GarbageCollected<VideoPlatform> {

    /** Tells proxies (Envoy, meshes) to speak cleartext HTTP/2 to the port, as gRPC needs. */
    static final String APP_PROTOCOL = "kubernetes.io/h2c";

    public ServiceDependentResource() {
        super(Service.class);
    }

    /** Only the services' own objects: the gateway's Service is another dependent's. */
    @Override
    public java.util.function.Predicate<Service> secondaryResourceFilter(VideoPlatform platform, Context<VideoPlatform> context) {
        return PlatformObjects::isServiceObject;
    }

    @Override
    public Map<ResourceID, Service> desiredResources(VideoPlatform platform, Context<VideoPlatform> context) {
        Map<ResourceID, Service> desired = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.values()) {
            if (platform.getSpec().serviceSpec(service).isEnabled()) {
                Service object = service(platform, service);
                desired.put(ResourceID.fromResource(object), object);
            }
        }
        return desired;
    }

    private static Service service(VideoPlatform platform, PlatformService service) {
        return new ServiceBuilder()
                .withMetadata(PlatformObjects.metadata(platform, PlatformObjects.serviceObjectName(platform, service),
                        PlatformObjects.serviceLabels(platform, service)))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(PlatformObjects.selectorLabels(platform, service))
                .addNewPort()
                .withName(PlatformObjects.SERVICE_PORT_NAME)
                .withPort(PlatformObjects.SERVICE_PORT)
                .withTargetPort(new IntOrString(PlatformObjects.SERVICE_PORT_NAME))
                .withProtocol("TCP")
                .withAppProtocol(APP_PROTOCOL)
                .endPort()
                .endSpec()
                .build();
    }
}
