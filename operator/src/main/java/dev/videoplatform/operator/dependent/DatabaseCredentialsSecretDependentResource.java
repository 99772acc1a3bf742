package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.catalog.PlatformService;
import dev.videoplatform.operator.crd.PostgresSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import dev.videoplatform.operator.postgres.DatabaseLogins;
import dev.videoplatform.operator.postgres.SecretValues;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * When the operator creates the databases ({@code spec.postgres.adminSecretName}): one Secret per
 * service, {@code <name>-<service>-postgres}, with that service's own login (host and port from the
 * admin Secret, the login's name, a password of 256 random bits made once, the database). The
 * service reads only this one; {@link dev.videoplatform.operator.postgres.DatabaseProvisioner} gives
 * the login that password. Deleting the Secret rotates the password.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.DATABASE_CREDENTIALS_SELECTOR))
public class DatabaseCredentialsSecretDependentResource extends KubernetesDependentResource<Secret, VideoPlatform>
        implements CRUDKubernetesBulkDependentResource<Secret, VideoPlatform>,
        KubernetesBulkDependentResource<Secret, VideoPlatform>, GarbageCollected<VideoPlatform> {

    public static final String DATABASE_KEY = "database";

    public DatabaseCredentialsSecretDependentResource() {
        super(Secret.class);
    }

    /**
     * Only these Secrets, from this dependent's own informer: listing by kind would also see them
     * through the other Secret dependents' informers (their selector includes these), twice over.
     */
    @Override
    public Map<ResourceID, Secret> getSecondaryResources(VideoPlatform platform, Context<VideoPlatform> context) {
        return eventSource().orElseThrow().getSecondaryResources(platform).stream()
                .filter(DatabaseCredentialsSecretDependentResource::isDatabaseCredentials)
                .collect(Collectors.toMap(ResourceID::fromResource, Function.identity(), (a, b) -> a));
    }

    @Override
    public Map<ResourceID, Secret> desiredResources(VideoPlatform platform, Context<VideoPlatform> context) {
        Map<ResourceID, Secret> desired = new LinkedHashMap<>();
        PostgresSpec postgres = platform.getSpec().getPostgres();
        if (!postgres.createsDatabases()) {
            return desired;
        }
        Secret admin = context.getClient().secrets().inNamespace(platform.getMetadata().getNamespace())
                .withName(postgres.getAdminSecretName()).get();
        Map<ResourceID, Secret> existing = getSecondaryResources(platform, context);
        for (PlatformService service : PlatformService.values()) {
            if (!PlatformObjects.operatorCreatesDatabase(platform, service)) {
                continue;
            }
            ResourceID id = PlatformObjects.id(platform, PlatformObjects.generatedPostgresSecretName(platform, service));
            String password = Optional.ofNullable(existing.get(id))
                    .flatMap(secret -> SecretValues.get(secret, PostgresSpec.PASSWORD_KEY))
                    .orElseGet(DatabaseCredentialsSecretDependentResource::randomPassword);
            Map<String, String> data = new TreeMap<>();
            data.put(PostgresSpec.HOST_KEY, SecretValues.get(admin, PostgresSpec.HOST_KEY).orElseThrow());
            data.put(PostgresSpec.PORT_KEY, SecretValues.get(admin, PostgresSpec.PORT_KEY).orElseThrow());
            data.put(PostgresSpec.USERNAME_KEY, DatabaseLogins.loginName(service));
            data.put(PostgresSpec.PASSWORD_KEY, password);
            data.put(DATABASE_KEY, service.database().orElseThrow());
            Map<String, String> encoded = new TreeMap<>();
            data.forEach((key, value) -> encoded.put(key,
                    Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
            Secret secret = new SecretBuilder()
                    .withMetadata(PlatformObjects.metadata(platform, id.getName(),
                            PlatformObjects.labels(platform, PlatformObjects.COMPONENT_DATABASE_CREDENTIALS)))
                    .withType("Opaque")
                    .withData(encoded)
                    .build();
            desired.put(id, secret);
        }
        return desired;
    }

    private static boolean isDatabaseCredentials(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null
                && PlatformObjects.COMPONENT_DATABASE_CREDENTIALS.equals(labels.get(PlatformObjects.LABEL_COMPONENT));
    }

    /**
     * 32 random bytes as URL-safe base64 text: no character needs quoting in a connection string.
     * A generator per call, as for the platform keys (never seeded at native-image build time).
     */
    private static String randomPassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
