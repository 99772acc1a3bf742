package dev.videoplatform.operator;

import dev.videoplatform.operator.catalog.PlatformService;
import dev.videoplatform.operator.catalog.TopicCatalog;
import dev.videoplatform.operator.catalog.TopicSettings;
import dev.videoplatform.operator.crd.AuthSpec;
import dev.videoplatform.operator.crd.AutoscalingSpec;
import dev.videoplatform.operator.crd.KafkaAuthenticationSpec;
import dev.videoplatform.operator.crd.KafkaSpec;
import dev.videoplatform.operator.crd.PostgresSpec;
import dev.videoplatform.operator.crd.RedisSpec;
import dev.videoplatform.operator.crd.S3StorageSpec;
import dev.videoplatform.operator.crd.SmtpSpec;
import dev.videoplatform.operator.crd.StorageSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import dev.videoplatform.operator.crd.VideoPlatformSpec;
import dev.videoplatform.operator.dependent.ContainerEnv;
import dev.videoplatform.operator.dependent.PlatformObjects;
import dev.videoplatform.operator.dependent.ServiceDeploymentDependentResource;
import io.fabric8.kubernetes.api.model.EnvVar;
import dev.videoplatform.operator.postgres.SecretValues;
import dev.videoplatform.operator.storage.SharedVolumeCheck;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the CRD schema cannot judge: whether referenced Secrets exist with the keys the services
 * need, and the rules that CEL also enforces (for API servers that skip CEL or defaults). Each
 * problem is a sentence naming the field, so the condition message tells the engineer what to fix.
 */
@ApplicationScoped
public class SpecValidator {

    public List<String> problems(VideoPlatform platform, KubernetesClient client) {
        VideoPlatformSpec spec = platform.getSpec();
        String namespace = platform.getMetadata().getNamespace();
        List<PlatformService> enabled = Arrays.stream(PlatformService.values())
                .filter(service -> spec.serviceSpec(service).isEnabled())
                .toList();
        List<String> problems = new ArrayList<>();

        for (String name : spec.getServices().keySet()) {
            if (PlatformService.byName(name).isEmpty()) {
                problems.add("spec.services." + name + " is not a platform service");
            }
        }
        spec.getServices().forEach((name, serviceSpec) -> PlatformService.byName(name).ifPresent(service -> {
            Set<String> overridden = new TreeSet<>(ContainerEnv.secretBacked(
                    ServiceDeploymentDependentResource.operatorEnv(platform, service)));
            overridden.retainAll(serviceSpec.getEnv().stream().map(EnvVar::getName).toList());
            if (!overridden.isEmpty()) {
                problems.add("spec.services." + name + ".env: " + String.join(", ", overridden)
                        + " come from Secrets the operator references and cannot be overridden (change the Secret instead)");
            }
        }));
        spec.getServices().forEach((name, serviceSpec) -> {
            AutoscalingSpec autoscaling = serviceSpec.getAutoscaling();
            if (autoscaling.getMinReplicas() > autoscaling.getMaxReplicas()) {
                problems.add("spec.services." + name + ".autoscaling: minReplicas " + autoscaling.getMinReplicas()
                        + " exceeds maxReplicas " + autoscaling.getMaxReplicas());
            }
        });
        for (String topic : spec.getKafka().getTopics().keySet()) {
            if (TopicCatalog.byName(topic).isEmpty()) {
                problems.add("spec.kafka.topics." + topic + " is not a platform topic (an event type or <event type>.dlq)");
            }
        }
        Map<String, Integer> coPartitioned = new TreeMap<>();
        TopicSettings.resolve(spec.getKafka()).stream().filter(t -> TopicCatalog.CO_PARTITIONED.contains(t.name()))
                .forEach(t -> coPartitioned.put(t.name(), t.partitions()));
        if (new HashSet<>(coPartitioned.values()).size() > 1) {
            problems.add("spec.kafka.topics: " + String.join(", ", TopicCatalog.CO_PARTITIONED) + " are read together by"
                    + " analytics-service (keyed by video id) and need the same number of partitions; got " + coPartitioned);
        }
        int analyticsPartitions = coPartitioned.getOrDefault("analytics.events", 0);
        AutoscalingSpec analytics = spec.serviceSpec(PlatformService.ANALYTICS).getAutoscaling();
        if (enabled.contains(PlatformService.ANALYTICS) && analytics.getMaxReplicas() > analyticsPartitions) {
            problems.add("spec.services.analytics.autoscaling.maxReplicas " + analytics.getMaxReplicas() + " exceeds the "
                    + analyticsPartitions + " partitions of analytics.events (a replica without a partition does nothing)");
        }

        postgresProblems(platform, enabled, client, problems);
        problems.addAll(kafkaSecurityProblems(spec.getKafka(), !enabled.isEmpty(), client, namespace));
        if (!enabled.isEmpty()) {
            requireSecret(client, namespace, "spec.redis.secretName", spec.getRedis().getSecretName(),
                    List.of(RedisSpec.URL_KEY), problems);
        }
        if (spec.getStorage().getType() == StorageSpec.StorageType.PVC
                && enabled.stream().anyMatch(PlatformService::usesBlobStorage)) {
            SharedVolumeCheck.problem(client, spec.getStorage().getPvc()).ifPresent(problems::add);
        }
        if (spec.getStorage().getType() == StorageSpec.StorageType.S3) {
            S3StorageSpec s3 = spec.getStorage().getS3();
            if (s3 == null || s3.getBucket() == null || s3.getBucket().isBlank()) {
                problems.add("spec.storage.s3.bucket is required when spec.storage.type is s3");
            } else if (enabled.stream().anyMatch(PlatformService::usesBlobStorage)) {
                requireSecret(client, namespace, "spec.storage.s3.credentialsSecretName", s3.getCredentialsSecretName(),
                        List.of(S3StorageSpec.ACCESS_KEY_ID_KEY, S3StorageSpec.SECRET_ACCESS_KEY_KEY), problems);
            }
        }

        SmtpSpec smtp = spec.getNotification().getSmtp();
        if (smtp != null && enabled.contains(PlatformService.NOTIFICATION)) {
            if (smtp.getHost() == null || smtp.getHost().isBlank()) {
                problems.add("spec.notification.smtp.host is required");
            }
            if (smtp.getSecretName() != null && !smtp.getSecretName().isBlank()) {
                requireSecret(client, namespace, "spec.notification.smtp.secretName", smtp.getSecretName(),
                        List.of(SmtpSpec.USERNAME_KEY, SmtpSpec.PASSWORD_KEY), problems);
            }
        }

        // A signing-key Secret that someone else made must hold a key pair; the operator's own always does.
        String jwtSecret = PlatformObjects.jwtSecretName(platform);
        Secret existing = client.secrets().inNamespace(namespace).withName(jwtSecret).get();
        if (existing != null && !isManagedByOperator(existing)) {
            List<String> missing = missingKeys(existing, List.of(AuthSpec.PRIVATE_KEY, AuthSpec.PUBLIC_KEY));
            if (!missing.isEmpty()) {
                problems.add("spec.auth.jwtKeySecretName: Secret '" + jwtSecret + "' has no " + String.join(", ", missing));
            }
        }
        return problems;
    }

    /** Each database-owning service's connection Secret: its own, the admin's (operator-made logins) or the shared one. */
    private static void postgresProblems(VideoPlatform platform, List<PlatformService> enabled, KubernetesClient client,
            List<String> problems) {
        PostgresSpec postgres = platform.getSpec().getPostgres();
        String namespace = platform.getMetadata().getNamespace();
        List<String> keys = List.of(PostgresSpec.HOST_KEY, PostgresSpec.PORT_KEY, PostgresSpec.USERNAME_KEY,
                PostgresSpec.PASSWORD_KEY);
        postgres.getServiceSecrets().forEach((name, secret) -> {
            boolean ownsDatabase = PlatformService.byName(name).flatMap(PlatformService::database).isPresent();
            if (!ownsDatabase) {
                problems.add("spec.postgres.serviceSecrets." + name + " is not a service with a database");
            } else if (enabled.contains(PlatformService.byName(name).orElseThrow())) {
                requireSecret(client, namespace, "spec.postgres.serviceSecrets." + name, secret, keys, problems);
            }
        });
        List<PlatformService> withoutOwnSecret = enabled.stream()
                .filter(service -> service.database().isPresent())
                .filter(service -> !postgres.getServiceSecrets().containsKey(service.serviceName()))
                .toList();
        if (withoutOwnSecret.isEmpty()) {
            return;
        }
        if (postgres.createsDatabases()) {
            requireSecret(client, namespace, "spec.postgres.adminSecretName", postgres.getAdminSecretName(), keys, problems);
            // The operator itself connects with it, so a port that is no number would fail every reconcile.
            Secret admin = client.secrets().inNamespace(namespace).withName(postgres.getAdminSecretName()).get();
            String port = admin == null ? null : SecretValues.get(admin, PostgresSpec.PORT_KEY).orElse(null);
            if (port != null && !port.trim().matches("[0-9]{1,5}")) {
                problems.add("spec.postgres.adminSecretName: Secret '" + postgres.getAdminSecretName()
                        + "' has port '" + port + "', not a port number");
            }
        } else {
            requireSecret(client, namespace, "spec.postgres.secretName", postgres.getSecretName(), keys, problems);
        }
    }

    /** Kafka TLS and SCRAM: their Secrets, and no admin topic mode (its client speaks plaintext only). */
    private static List<String> kafkaSecurityProblems(KafkaSpec kafka, boolean anyService, KubernetesClient client,
            String namespace) {
        List<String> problems = new ArrayList<>();
        boolean secured = kafka.getTls().isEnabled() || kafka.getAuthentication() != null;
        if (secured && kafka.getTopicMode() == KafkaSpec.TopicMode.ADMIN) {
            // The operator's own AdminClient would need the services' credentials from the platform's namespace.
            problems.add("spec.kafka.topicMode admin works with a plaintext Kafka only; use topicMode strimzi with "
                    + "spec.kafka.tls or spec.kafka.authentication");
        }
        if (!anyService) {
            return problems;
        }
        if (kafka.getTls().hasCaSecret()) {
            requireSecret(client, namespace, "spec.kafka.tls.caSecretName", kafka.getTls().getCaSecretName(),
                    List.of(kafka.getTls().getCaCertificateKey()), problems);
        }
        KafkaAuthenticationSpec authentication = kafka.getAuthentication();
        if (authentication != null) {
            if (authentication.getSecretName() == null || authentication.getSecretName().isBlank()) {
                problems.add("spec.kafka.authentication.secretName is required");
            } else {
                requireSecret(client, namespace, "spec.kafka.authentication.secretName", authentication.getSecretName(),
                        List.of(KafkaAuthenticationSpec.JAAS_CONFIG_KEY), problems);
            }
        }
        return problems;
    }

    private static void requireSecret(KubernetesClient client, String namespace, String field, String name,
            List<String> keys, List<String> problems) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            problems.add(field + ": Secret '" + name + "' not found in namespace '" + namespace + "'");
            return;
        }
        List<String> missing = missingKeys(secret, keys);
        if (!missing.isEmpty()) {
            problems.add(field + ": Secret '" + name + "' has no " + String.join(", ", missing));
        }
    }

    private static List<String> missingKeys(Secret secret, List<String> keys) {
        Map<String, String> data = secret.getData() != null ? secret.getData() : Map.of();
        Map<String, String> stringData = secret.getStringData() != null ? secret.getStringData() : Map.of();
        return keys.stream().filter(key -> !data.containsKey(key) && !stringData.containsKey(key)).toList();
    }

    private static boolean isManagedByOperator(Secret secret) {
        Map<String, String> labels = secret.getMetadata().getLabels();
        return labels != null && PlatformObjects.MANAGED_BY.equals(labels.get(PlatformObjects.LABEL_MANAGED_BY));
    }
}
