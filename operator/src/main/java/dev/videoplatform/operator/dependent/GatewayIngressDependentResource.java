package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.crd.GatewaySpec;
import dev.videoplatform.operator.crd.GatewayTlsSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public entry through an Ingress: every path of {@code spec.gateway.host} to the gateway's
 * Service, TLS from a Secret that cert-manager fills when an issuer is named. Envoy still does the
 * routing, JWT checks and rate limits behind it.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.GATEWAY_OBJECTS_SELECTOR))
public class GatewayIngressDependentResource extends CRUDKubernetesDependentResource<Ingress, VideoPlatform> {

    static final String CLUSTER_ISSUER_ANNOTATION = "cert-manager.io/cluster-issuer";
    static final String ISSUER_ANNOTATION = "cert-manager.io/issuer";

    public GatewayIngressDependentResource() {
        super(Ingress.class);
    }

    @Override
    protected Ingress desired(VideoPlatform platform, Context<VideoPlatform> context) {
        GatewaySpec gateway = platform.getSpec().getGateway();
        ObjectMeta metadata = PlatformObjects.metadata(platform, PlatformObjects.gatewayName(platform),
                PlatformObjects.gatewayLabels(platform));
        metadata.setAnnotations(annotations(gateway));
        return new IngressBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                .withIngressClassName(gateway.getIngress().getClassName())
                .withTls(tls(platform, gateway))
                .addNewRule()
                .withHost(gateway.getHost())
                .withNewHttp()
                .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend().withNewService()
                .withName(PlatformObjects.gatewayName(platform))
                .withNewPort().withNumber(GatewayServiceDependentResource.PORT).endPort()
                .endService().endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(VideoPlatform platform, Context<VideoPlatform> context) {
        return PlatformObjects.id(platform, PlatformObjects.gatewayName(platform));
    }

    private static Map<String, String> annotations(GatewaySpec gateway) {
        Map<String, String> annotations = new TreeMap<>(gateway.getIngress().getAnnotations());
        GatewayTlsSpec tls = gateway.getTls();
        if (tls != null && tls.getClusterIssuer() != null && !tls.getClusterIssuer().isBlank()) {
            annotations.put(CLUSTER_ISSUER_ANNOTATION, tls.getClusterIssuer());
        }
        if (tls != null && tls.getIssuer() != null && !tls.getIssuer().isBlank()) {
            annotations.put(ISSUER_ANNOTATION, tls.getIssuer());
        }
        return annotations;
    }

    private static List<IngressTLS> tls(VideoPlatform platform, GatewaySpec gateway) {
        GatewayTlsSpec tls = gateway.getTls();
        if (tls == null) {
            return List.of();
        }
        String secret = tls.getSecretName() != null && !tls.getSecretName().isBlank() ? tls.getSecretName()
                : PlatformObjects.gatewayName(platform) + "-tls";
        return List.of(new IngressTLSBuilder().withHosts(gateway.getHost()).withSecretName(secret).build());
    }
}
