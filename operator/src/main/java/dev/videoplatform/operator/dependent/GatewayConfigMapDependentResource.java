package dev.videoplatform.operator.dependent;

import dev.videoplatform.gateway.DescriptorSet;
import dev.videoplatform.gateway.EnvoyConfig;
import dev.videoplatform.gateway.EnvoyConfigGenerator;
import dev.videoplatform.gateway.GatewaySpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Envoy's configuration: {@code envoy.yaml} (listener, gRPC-JSON transcoder, JWT, routes,
 * clusters) and the contracts' descriptor set it transcodes with, both generated from the
 * operator's own copy of the contracts by the same generator as {@code make k8s}.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.GATEWAY_OBJECTS_SELECTOR))
public class GatewayConfigMapDependentResource extends CRUDKubernetesDependentResource<ConfigMap, VideoPlatform> {

    static final String ENVOY_YAML = "envoy.yaml";
    static final String DESCRIPTOR_SET = "descriptor_set.pb";
    static final String CONFIG_DIRECTORY = "/etc/envoy";
    /** The port Envoy listens on inside the pod. */
    static final int LISTENER_PORT = 8080;
    private static final DescriptorSet CONTRACTS = DescriptorSet.platform();

    public GatewayConfigMapDependentResource() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(VideoPlatform platform, Context<VideoPlatform> context) {
        EnvoyConfig envoy = envoyConfig(platform);
        return new ConfigMapBuilder()
                .withMetadata(PlatformObjects.metadata(platform, PlatformObjects.gatewayName(platform),
                        PlatformObjects.gatewayLabels(platform)))
                .withData(Map.of(ENVOY_YAML, envoy.yaml()))
                .withBinaryData(Map.of(DESCRIPTOR_SET, Base64.getEncoder().encodeToString(envoy.descriptorSet())))
                .build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(VideoPlatform platform, Context<VideoPlatform> context) {
        return PlatformObjects.id(platform, PlatformObjects.gatewayName(platform));
    }

    static EnvoyConfig envoyConfig(VideoPlatform platform) {
        GatewaySpec spec = GatewaySpec.forInstance(CONTRACTS, platform.getMetadata().getName(), PlatformObjects.SERVICE_PORT)
                .listenerPort(LISTENER_PORT)
                .build();
        return EnvoyConfigGenerator.generate(CONTRACTS, spec);
    }

    /** Changes whenever the generated configuration does, so the gateway's pods roll onto it. */
    static String configHash(VideoPlatform platform) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(envoyConfig(platform).yaml().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
