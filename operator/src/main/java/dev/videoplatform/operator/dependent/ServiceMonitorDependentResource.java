package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.crd.VideoPlatform;
import dev.videoplatform.operator.prometheus.ServiceMonitor;
import dev.videoplatform.operator.prometheus.ServiceMonitorScrape;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One ServiceMonitor {@code <name>-services} for the Prometheus Operator: Prometheus metrics on
 * {@code /q/metrics} of the shared gRPC + HTTP port, on every Service of the platform's services
 * (not the gateway's: Envoy serves no /q/metrics). Services come and go with {@code spec.services}
 * without touching it.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.MANAGED_BY_SELECTOR))
public class ServiceMonitorDependentResource extends CRUDKubernetesDependentResource<ServiceMonitor, VideoPlatform> {

    static final String METRICS_PATH = "/q/metrics";

    public ServiceMonitorDependentResource() {
        super(ServiceMonitor.class);
    }

    public static String name(VideoPlatform platform) {
        return platform.getMetadata().getName() + "-services";
    }

    @Override
    protected ServiceMonitor desired(VideoPlatform platform, Context<VideoPlatform> context) {
        // The operator's own labels win over configured ones: the informer finds its objects by them.
        Map<String, String> labels = new TreeMap<>(platform.getSpec().getMonitoring().getServiceMonitor().getLabels());
        labels.putAll(PlatformObjects.labels(platform, "monitoring"));
        Map<String, String> services = new TreeMap<>();
        services.put(PlatformObjects.LABEL_INSTANCE, platform.getMetadata().getName());
        services.put(PlatformObjects.LABEL_COMPONENT, PlatformObjects.COMPONENT_SERVICE);
        services.put(PlatformObjects.LABEL_MANAGED_BY, PlatformObjects.MANAGED_BY);
        ServiceMonitorScrape scrape = new ServiceMonitorScrape();
        scrape.setSelector(new LabelSelectorBuilder().withMatchLabels(services).build());
        scrape.setEndpoints(List.of(new ServiceMonitorScrape.Endpoint(PlatformObjects.SERVICE_PORT_NAME, METRICS_PATH)));
        ServiceMonitor monitor = new ServiceMonitor();
        monitor.setMetadata(PlatformObjects.metadata(platform, name(platform), labels));
        monitor.setSpec(scrape);
        return monitor;
    }

    @Override
    protected ResourceID targetSecondaryResourceID(VideoPlatform platform, Context<VideoPlatform> context) {
        return PlatformObjects.id(platform, name(platform));
    }
}
