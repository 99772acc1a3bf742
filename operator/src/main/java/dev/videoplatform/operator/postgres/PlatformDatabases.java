package dev.videoplatform.operator.postgres;

import dev.videoplatform.operator.PlatformEvents;
import dev.videoplatform.operator.catalog.PlatformService;
import dev.videoplatform.operator.crd.PostgresSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import dev.videoplatform.operator.dependent.PlatformObjects;
import dev.videoplatform.operator.status.ReconcileOutcome;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The reconcile step that creates the services' databases when {@code spec.postgres.adminSecretName}
 * is set: it reads the admin Secret and the generated per-service Secrets (made by the workflow just
 * before) and hands them to {@link DatabaseProvisioner}.
 */
@ApplicationScoped
public class PlatformDatabases {

    private final DatabaseProvisioner provisioner;
    private final PlatformEvents events;

    PlatformDatabases(DatabaseProvisioner provisioner, PlatformEvents events) {
        this.provisioner = provisioner;
        this.events = events;
    }

    public ReconcileOutcome ensure(VideoPlatform platform, KubernetesClient client) {
        PostgresSpec postgres = platform.getSpec().getPostgres();
        List<PlatformService> services = List.of(PlatformService.values()).stream()
                .filter(service -> PlatformObjects.operatorCreatesDatabase(platform, service)).toList();
        if (services.isEmpty()) {
            return ReconcileOutcome.success();
        }
        String namespace = platform.getMetadata().getNamespace();
        Secret admin = client.secrets().inNamespace(namespace).withName(postgres.getAdminSecretName()).get();
        List<DatabaseProvisioner.ServiceDatabase> databases = new ArrayList<>();
        for (PlatformService service : services) {
            String name = PlatformObjects.generatedPostgresSecretName(platform, service);
            Secret credentials = client.secrets().inNamespace(namespace).withName(name).get();
            if (admin == null || credentials == null) {
                return ReconcileOutcome.failed(ReconcileOutcome.DATABASES_FAILED, "Secret '"
                        + (admin == null ? postgres.getAdminSecretName() : name) + "' is gone; retrying");
            }
            databases.add(new DatabaseProvisioner.ServiceDatabase(service.database().orElseThrow(),
                    DatabaseLogins.loginName(service), value(credentials, PostgresSpec.PASSWORD_KEY)));
        }
        var connection = new DatabaseProvisioner.AdminConnection(value(admin, PostgresSpec.HOST_KEY),
                Integer.parseInt(value(admin, PostgresSpec.PORT_KEY).trim()),
                SecretValues.get(admin, PostgresSpec.ADMIN_DATABASE_KEY).orElse("postgres"),
                value(admin, PostgresSpec.USERNAME_KEY), value(admin, PostgresSpec.PASSWORD_KEY),
                postgres.getSslMode().value());
        try {
            DatabaseProvisioner.Changes changes = provisioner.ensure(connection, databases);
            if (!changes.none()) {
                events.record(platform, PlatformEvents.NORMAL, "DatabasesProvisioned", "PostgreSQL: " + changes);
            }
            return ReconcileOutcome.success();
        } catch (DatabaseProvisioningException e) {
            return ReconcileOutcome.failed(ReconcileOutcome.DATABASES_FAILED,
                    "spec.postgres.adminSecretName: databases not provisioned: " + e.getMessage());
        }
    }

    private static String value(Secret secret, String key) {
        return SecretValues.get(secret, key).orElseThrow(() -> new IllegalStateException(
                "Secret '" + secret.getMetadata().getName() + "' has no " + key));
    }
}
