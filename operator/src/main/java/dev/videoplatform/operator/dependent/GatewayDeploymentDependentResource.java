package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Envoy gateway: the official Envoy image running the generated configuration from the
 * gateway ConfigMap (mounted with the descriptor set), probed on its {@code /healthz} route, and
 * rolled whenever that configuration changes.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.GATEWAY_OBJECTS_SELECTOR))
public class GatewayDeploymentDependentResource extends CRUDKubernetesDependentResource<Deployment, VideoPlatform> {

    static final String PORT_NAME = "http";
    private static final String CONFIG_VOLUME = "envoy-config";
    /** The envoy user of the official image, so the pod runs as non-root. */
    private static final long ENVOY_UID = 101;

    @ConfigProperty(name = "videoplatform.operator.envoy-image")
    String envoyImage;

    public GatewayDeploymentDependentResource() {
        super(Deployment.class);
    }

    @Override
    protected Deployment desired(VideoPlatform platform, Context<VideoPlatform> context) {
        Map<String, String> labels = PlatformObjects.gatewayLabels(platform);
        return new DeploymentBuilder()
                .withMetadata(PlatformObjects.metadata(platform, PlatformObjects.gatewayName(platform), labels))
                .withNewSpec()
                .withReplicas(platform.getSpec().getGateway().getReplicas())
                .withNewSelector().withMatchLabels(PlatformObjects.gatewaySelector(platform)).endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .withAnnotations(Map.of(ServiceDeploymentDependentResource.CONFIG_HASH_ANNOTATION,
                        GatewayConfigMapDependentResource.configHash(platform)))
                .endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(ENVOY_UID)
                .withRunAsGroup(ENVOY_UID)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewContainer()
                .withName("envoy")
                .withImage(envoyImage)
                .withArgs("-c", GatewayConfigMapDependentResource.CONFIG_DIRECTORY + "/"
                        + GatewayConfigMapDependentResource.ENVOY_YAML, "--log-level", "info")
                .addNewPort()
                .withName(PORT_NAME)
                .withContainerPort(GatewayConfigMapDependentResource.LISTENER_PORT)
                .withProtocol("TCP")
                .endPort()
                .withReadinessProbe(probe(5, 3))
                .withLivenessProbe(probe(10, 3))
                .withNewResources()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
                .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("128Mi"))
                .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("512Mi"))
                .endResources()
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount()
                .withName(CONFIG_VOLUME)
                .withMountPath(GatewayConfigMapDependentResource.CONFIG_DIRECTORY)
                .withReadOnly(true)
                .endVolumeMount()
                .endContainer()
                .addNewVolume()
                .withName(CONFIG_VOLUME)
                .withNewConfigMap()
                .withName(PlatformObjects.gatewayName(platform))
                .endConfigMap()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(VideoPlatform platform, Context<VideoPlatform> context) {
        return PlatformObjects.id(platform, PlatformObjects.gatewayName(platform));
    }

    private static Probe probe(int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath("/healthz").withPort(new IntOrString(PORT_NAME)).withScheme("HTTP").endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withFailureThreshold(failureThreshold)
                .withTimeoutSeconds(2)
                .build();
    }
}
