package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.catalog.PlatformService;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.TreeMap;

/** Names and labels of the objects made for a platform, in one place so every dependent agrees. */
public final class PlatformObjects {

    public static final String MANAGED_BY = "videoplatform-operator";
    /** Every informer watches only objects with this label, so the operator caches none of anyone else's. */
    public static final String MANAGED_BY_SELECTOR = "app.kubernetes.io/managed-by=" + MANAGED_BY;

    public static final String LABEL_NAME = "app.kubernetes.io/name";
    /**
     * Informers of kinds both the services and the gateway have (Deployments, Services) watch
     * disjoint sets: bulk dependents list every secondary of their kind across informers, so an
     * overlap would show each object twice.
     */
    public static final String SERVICE_OBJECTS_SELECTOR = MANAGED_BY_SELECTOR + ",app.kubernetes.io/component=service";
    public static final String GATEWAY_OBJECTS_SELECTOR = MANAGED_BY_SELECTOR + ",app.kubernetes.io/component=gateway";
    public static final String COMPONENT_CONFIG = "config";
    /** Component label of the generated per-service PostgreSQL Secrets, which a bulk dependent owns. */
    public static final String COMPONENT_DATABASE_CREDENTIALS = "database-credentials";
    public static final String DATABASE_CREDENTIALS_SELECTOR = MANAGED_BY_SELECTOR + ",app.kubernetes.io/component="
            + COMPONENT_DATABASE_CREDENTIALS;
    public static final String CONFIG_OBJECTS_SELECTOR = MANAGED_BY_SELECTOR + ",app.kubernetes.io/component=" + COMPONENT_CONFIG;
    public static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
    public static final String LABEL_COMPONENT = "app.kubernetes.io/component";
    public static final String LABEL_PART_OF = "app.kubernetes.io/part-of";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";

    /** Component label of the service pods. */
    public static final String COMPONENT_SERVICE = "service";
    /** Component label of the Envoy gateway's objects. */
    public static final String COMPONENT_GATEWAY = "gateway";

    /** The port every service serves gRPC and HTTP on. */
    public static final int SERVICE_PORT = 8080;
    public static final String SERVICE_PORT_NAME = "grpc-http";

    private PlatformObjects() {
    }

    public static String serviceObjectName(VideoPlatform platform, PlatformService service) {
        return platform.getMetadata().getName() + "-" + service.serviceName();
    }

    public static String configMapName(VideoPlatform platform) {
        return platform.getMetadata().getName() + "-config";
    }

    /** The operator-generated HMAC keys (page tokens, signed upload URLs, playback tokens, service identity). */
    public static String platformKeysSecretName(VideoPlatform platform) {
        return platform.getMetadata().getName() + "-platform-keys";
    }

    public static String jwtSecretName(VideoPlatform platform) {
        String configured = platform.getSpec().getAuth().getJwtKeySecretName();
        return configured != null ? configured : platform.getMetadata().getName() + "-jwt-signing-key";
    }

    /** The id of this platform's object {@code name} (objects live in the platform's namespace). */
    public static ResourceID id(VideoPlatform platform, String name) {
        return new ResourceID(name, platform.getMetadata().getNamespace());
    }

    /** Name of the gateway's Deployment, Service and ConfigMap. */
    public static String gatewayName(VideoPlatform platform) {
        return platform.getMetadata().getName() + "-gateway";
    }

    /** Pod selector of the gateway; immutable on its Deployment. */
    public static Map<String, String> gatewaySelector(VideoPlatform platform) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(LABEL_INSTANCE, platform.getMetadata().getName());
        labels.put(LABEL_NAME, COMPONENT_GATEWAY);
        return labels;
    }

    /** Labels of the gateway's objects and pods. */
    public static Map<String, String> gatewayLabels(VideoPlatform platform) {
        Map<String, String> labels = labels(platform, COMPONENT_GATEWAY);
        labels.put(LABEL_NAME, COMPONENT_GATEWAY);
        return labels;
    }

    /** True for objects of the services (not of the gateway), which the bulk dependents own. */
    public static boolean isServiceObject(io.fabric8.kubernetes.api.model.HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && COMPONENT_SERVICE.equals(labels.get(LABEL_COMPONENT));
    }

    /** The Secret a service reads its PostgreSQL connection from (see {@link dev.videoplatform.operator.crd.PostgresSpec}). */
    public static String postgresSecretName(VideoPlatform platform, PlatformService service) {
        var postgres = platform.getSpec().getPostgres();
        String own = postgres.getServiceSecrets().get(service.serviceName());
        if (own != null) {
            return own;
        }
        return postgres.createsDatabases() ? generatedPostgresSecretName(platform, service) : postgres.getSecretName();
    }

    /** The Secret the operator generates with a service's own login, when it creates the databases. */
    public static String generatedPostgresSecretName(VideoPlatform platform, PlatformService service) {
        return platform.getMetadata().getName() + "-" + service.serviceName() + "-postgres";
    }

    /** True when the operator creates this service's database and login (it owns one, and has no Secret of its own). */
    public static boolean operatorCreatesDatabase(VideoPlatform platform, PlatformService service) {
        var postgres = platform.getSpec().getPostgres();
        return service.database().isPresent() && postgres.createsDatabases()
                && !postgres.getServiceSecrets().containsKey(service.serviceName())
                && platform.getSpec().serviceSpec(service).isEnabled();
    }

    public static String blobClaimName(VideoPlatform platform) {
        return platform.getMetadata().getName() + "-blobs";
    }

    public static String kafkaTopicObjectName(VideoPlatform platform, String topic) {
        return platform.getMetadata().getName() + "-" + topic.replace('.', '-');
    }

    /** Labels of every object of the instance; {@code component} says what part it belongs to. */
    public static Map<String, String> labels(VideoPlatform platform, String component) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(LABEL_PART_OF, "videoplatform");
        labels.put(LABEL_INSTANCE, platform.getMetadata().getName());
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        labels.put(LABEL_COMPONENT, component);
        return labels;
    }

    public static Map<String, String> serviceLabels(VideoPlatform platform, PlatformService service) {
        Map<String, String> labels = labels(platform, COMPONENT_SERVICE);
        labels.put(LABEL_NAME, service.serviceName());
        return labels;
    }

    /** Pod selector of one service; immutable on a Deployment, so it never changes. */
    public static Map<String, String> selectorLabels(VideoPlatform platform, PlatformService service) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(LABEL_INSTANCE, platform.getMetadata().getName());
        labels.put(LABEL_NAME, service.serviceName());
        return labels;
    }

    public static ObjectMeta metadata(VideoPlatform platform, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(platform.getMetadata().getNamespace())
                .withLabels(labels)
                .build();
    }
}
