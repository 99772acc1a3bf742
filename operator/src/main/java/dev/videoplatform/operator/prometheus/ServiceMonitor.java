package dev.videoplatform.operator.prometheus;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The part of the Prometheus Operator's {@code ServiceMonitor} (monitoring.coreos.com/v1) this
 * operator writes, modelled here rather than taken from a model jar for three fields. Its CRD
 * belongs to the Prometheus Operator: this operator never generates or applies it.
 */
@Group("monitoring.coreos.com")
@Version("v1")
@Kind("ServiceMonitor")
@Plural("servicemonitors")
public class ServiceMonitor extends CustomResource<ServiceMonitorScrape, Void> implements Namespaced {

    /**
     * Whether the cluster serves the kind (the Prometheus Operator's CRDs are installed). Asks API
     * discovery, which every authenticated client may read, so it needs no right on CRDs.
     */
    public static boolean served(KubernetesClient client) {
        return client.supports(ServiceMonitor.class);
    }
}
