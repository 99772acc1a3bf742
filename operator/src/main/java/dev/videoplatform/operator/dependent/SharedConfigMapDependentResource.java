package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.catalog.PlatformService;
import dev.videoplatform.operator.crd.KafkaSpec;
import dev.videoplatform.operator.crd.ObservabilitySpec;
import dev.videoplatform.operator.crd.S3StorageSpec;
import dev.videoplatform.operator.crd.StorageSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import dev.videoplatform.operator.crd.VideoPlatformSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The ConfigMap every service reads its environment from: where Kafka, the other services, the JWKS
 * and the trace collector are, and how blobs are stored. Secrets never go here.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.CONFIG_OBJECTS_SELECTOR))
public class SharedConfigMapDependentResource extends CRUDKubernetesDependentResource<ConfigMap, VideoPlatform> {

    public static final String BLOB_DIRECTORY = "/var/lib/videoplatform/blobs";
    public static final String SCRATCH_DIRECTORY = "/tmp/videoplatform-blobs";
    /** Where the Kafka CA certificate Secret is mounted (file {@link #KAFKA_CA_FILE}). */
    public static final String KAFKA_CA_DIRECTORY = "/etc/videoplatform/kafka-ca";
    public static final String KAFKA_CA_FILE = "ca.crt";
    /**
     * Peers whose x-forwarded-for the services believe: the private ranges pod networks are cut
     * from (the gateway's pod among them; NetworkPolicies keep everyone else off the service port).
     * A cluster with other pod CIDRs sets VIDEOPLATFORM_GRPC_TRUSTED_PROXIES in a service's env.
     */
    public static final String TRUSTED_PROXIES = "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fd00::/8";

    public SharedConfigMapDependentResource() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(VideoPlatform platform, Context<VideoPlatform> context) {
        return new ConfigMapBuilder()
                .withMetadata(PlatformObjects.metadata(platform, PlatformObjects.configMapName(platform),
                        PlatformObjects.labels(platform, PlatformObjects.COMPONENT_CONFIG)))
                .withData(configData(platform))
                .build();
    }

    /** The generic matcher tolerates extra keys on the server; a key the spec no longer yields must go too. */
    @Override
    public Result<ConfigMap> match(ConfigMap actual, ConfigMap desired, VideoPlatform platform,
            Context<VideoPlatform> context) {
        Result<ConfigMap> result = super.match(actual, desired, platform, context);
        if (result.matched() && !Objects.equals(actual.getData(), desired.getData())) {
            return Result.computed(false, desired);
        }
        return result;
    }

    /** The ConfigMap's data: a pure function of the spec, so the Deployments can hash it without reading it. */
    public static SortedMap<String, String> configData(VideoPlatform platform) {
        VideoPlatformSpec spec = platform.getSpec();
        SortedMap<String, String> data = new TreeMap<>();
        data.put("QUARKUS_HTTP_PORT", Integer.toString(PlatformObjects.SERVICE_PORT));
        data.put("QUARKUS_GRPC_SERVER_USE_SEPARATE_SERVER", "false");
        putKafka(data, spec.getKafka());
        // The address of every service that others call (PlatformService.calls()), as their gRPC clients read it.
        for (PlatformService service : PlatformService.values()) {
            if (service.callers().isEmpty()) {
                continue;
            }
            String prefix = "QUARKUS_GRPC_CLIENTS_" + service.serviceName().toUpperCase(Locale.ROOT);
            data.put(prefix + "_HOST", PlatformObjects.serviceObjectName(platform, service));
            data.put(prefix + "_PORT", Integer.toString(PlatformObjects.SERVICE_PORT));
        }
        data.put("VIDEOPLATFORM_AUTH_JWKS_URL", "http://" + PlatformObjects.serviceObjectName(platform, PlatformService.USER)
                + ":" + PlatformObjects.SERVICE_PORT + "/.well-known/jwks.json");
        data.put("VIDEOPLATFORM_GRPC_TRUSTED_PROXIES", TRUSTED_PROXIES);
        putObservability(data, spec.getObservability());
        putStorage(data, spec.getStorage());
        return data;
    }

    /** SHA-256 of the config data; on the pod template it rolls the pods when the config changes. */
    public static String configHash(VideoPlatform platform) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> entry : configData(platform).entrySet()) {
                digest.update((entry.getKey() + "=" + entry.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /**
     * Every Kafka client of the services reads the KAFKA_* variables as {@code kafka.*} settings
     * (SmallRye channels, the hand-made producers through platform-common, analytics' Kafka
     * Streams); the SASL JAAS line is a Secret and comes as a secretKeyRef on the Deployments.
     */
    private static void putKafka(Map<String, String> data, KafkaSpec kafka) {
        data.put("KAFKA_BOOTSTRAP_SERVERS", kafka.getBootstrapServers());
        if (!"PLAINTEXT".equals(kafka.securityProtocol())) {
            data.put("KAFKA_SECURITY_PROTOCOL", kafka.securityProtocol());
        }
        if (kafka.getAuthentication() != null) {
            data.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        }
        if (kafka.getTls().hasCaSecret()) {
            data.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
            data.put("KAFKA_SSL_TRUSTSTORE_LOCATION", KAFKA_CA_DIRECTORY + "/" + KAFKA_CA_FILE);
        }
    }

    private static void putObservability(Map<String, String> data, ObservabilitySpec observability) {
        if (observability.getOtlpEndpoint() == null || observability.getOtlpEndpoint().isBlank()) {
            data.put("QUARKUS_OTEL_SDK_DISABLED", "true");
        } else {
            data.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", observability.getOtlpEndpoint());
        }
        data.put("QUARKUS_OTEL_TRACES_SAMPLER", "parentbased_traceidratio");
        data.put("QUARKUS_OTEL_TRACES_SAMPLER_ARG",
                BigDecimal.valueOf(observability.getSamplingRatio()).stripTrailingZeros().toPlainString());
    }

    /** The services' BlobStore configuration ({@code videoplatform.blob.*}, see docs/storage.md). */
    private static void putStorage(Map<String, String> data, StorageSpec storage) {
        if (storage.getType() == StorageSpec.StorageType.S3) {
            S3StorageSpec s3 = storage.getS3();
            data.put("VIDEOPLATFORM_BLOB_BACKEND", "s3");
            data.put("VIDEOPLATFORM_BLOB_S3_BUCKET", s3.getBucket());
            data.put("VIDEOPLATFORM_BLOB_S3_REGION", s3.getRegion());
            if (s3.getEndpoint() != null && !s3.getEndpoint().isBlank()) {
                data.put("VIDEOPLATFORM_BLOB_S3_ENDPOINT", s3.getEndpoint());
                // MinIO, Ceph RGW, GCS interoperability: bucket in the path works everywhere, a
                // bucket host name needs wildcard DNS; AWS itself keeps virtual-host addressing.
                data.put("VIDEOPLATFORM_BLOB_S3_PATH_STYLE", "true");
            }
            // Local scratch only (uploads being received, transcodes), on the pod's /tmp volume.
            data.put("VIDEOPLATFORM_BLOB_ROOT", SCRATCH_DIRECTORY);
        } else {
            data.put("VIDEOPLATFORM_BLOB_BACKEND", "filesystem");
            // The services' BlobStore root (videoplatform.blob.root), where the claim is mounted.
            data.put("VIDEOPLATFORM_BLOB_ROOT", BLOB_DIRECTORY);
        }
    }
}
