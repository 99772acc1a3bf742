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

/**
 * One headless Service per enabled service, on the single gRPC + HTTP port. Headless, because gRPC
 * keeps one HTTP/2 connection open: behind a virtual IP all of a caller's requests would go to
 * whichever pod that connection landed on; with every ready pod's address in DNS, Envoy's
 * STRICT_DNS clusters balance requests over all pods (and follow scaling on each DNS refresh).
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.SERVICE_OBJECTS_SELECTOR))
public class ServiceDependentResource extends KubernetesDependentResource<Service, VideoPlatform>
        implements CRUDKubernetesBulkDependentResource<Service, VideoPlatform>,
        KubernetesBulkDependentResource<Service, VideoPlatform>, GarbageCollected<VideoPlatform> {

    /** Tells proxies (Envoy, meshes) to speak cleartext HTTP/2 to the port, as gRPC needs. */
    static final String APP_PROTOCOL = "kubernetes.io/h2c";
    static final String HEADLESS = "None";

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

    /**
     * A Service's cluster IP never changes once set: one made with a virtual IP (before the
     * Services were headless) is replaced. Callers reconnect through DNS, as on any pod restart.
     */
    @Override
    public Service update(Service actual, Service desired, VideoPlatform platform, Context<VideoPlatform> context) {
        if (!HEADLESS.equals(actual.getSpec().getClusterIP())) {
            context.getClient().resource(actual).delete();
            return create(desired, platform, context);
        }
        return super.update(actual, desired, platform, context);
    }

    private static Service service(VideoPlatform platform, PlatformService service) {
        return new ServiceBuilder()
                .withMetadata(PlatformObjects.metadata(platform, PlatformObjects.serviceObjectName(platform, service),
                        PlatformObjects.serviceLabels(platform, service)))
                .withNewSpec()
                .withType("ClusterIP")
                .withClusterIP(HEADLESS)
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
