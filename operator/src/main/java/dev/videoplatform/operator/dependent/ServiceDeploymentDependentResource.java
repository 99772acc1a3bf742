package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.PlatformEvents;
import dev.videoplatform.operator.catalog.PlatformService;
import dev.videoplatform.operator.crd.AuthSpec;
import dev.videoplatform.operator.crd.ImageSpec;
import dev.videoplatform.operator.crd.KafkaAuthenticationSpec;
import dev.videoplatform.operator.crd.KafkaTlsSpec;
import dev.videoplatform.operator.crd.PostgresSpec;
import dev.videoplatform.operator.crd.RedisSpec;
import dev.videoplatform.operator.crd.S3StorageSpec;
import dev.videoplatform.operator.crd.ServiceSpec;
import dev.videoplatform.operator.crd.SmtpSpec;
import dev.videoplatform.operator.crd.StorageSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import dev.videoplatform.operator.crd.VideoPlatformSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** One Deployment per enabled service; a disabled service's Deployment is deleted. */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.SERVICE_OBJECTS_SELECTOR))
public class ServiceDeploymentDependentResource extends KubernetesDependentResource<Deployment, VideoPlatform>
        implements CRUDKubernetesBulkDependentResource<Deployment, VideoPlatform>,
        KubernetesBulkDependentResource<Deployment, VideoPlatform>, GarbageCollected<VideoPlatform> {

    public static final String CONFIG_HASH_ANNOTATION = "videoplatform.dev/config-hash";
    /** The Quarkus images' non-root user (and group, so that it can write the blob volume). */
    static final long RUN_AS_USER = 185;

    private static final String TMP_VOLUME = "tmp";
    private static final String BLOBS_VOLUME = "blobs";
    private static final String JWT_VOLUME = "jwt-signing-key";
    private static final String KAFKA_CA_VOLUME = "kafka-ca";
    /** Where user-service reads its signing key by default (videoplatform.user.signing-key.location). */
    static final String JWT_DIRECTORY = "/var/run/secrets/videoplatform/jwt";

    @Inject
    PlatformEvents events;

    @ConfigProperty(name = "videoplatform.operator.default-image-tag")
    String defaultImageTag;

    public ServiceDeploymentDependentResource() {
        super(Deployment.class);
    }

    /** Only the services' own objects: the gateway's Deployment is another dependent's. */
    @Override
    public java.util.function.Predicate<Deployment> secondaryResourceFilter(VideoPlatform platform, Context<VideoPlatform> context) {
        return PlatformObjects::isServiceObject;
    }

    @Override
    public Map<ResourceID, Deployment> desiredResources(VideoPlatform platform, Context<VideoPlatform> context) {
        Map<ResourceID, Deployment> desired = new LinkedHashMap<>();
        String configHash = SharedConfigMapDependentResource.configHash(platform);
        Map<String, Secret> secretsRead = new HashMap<>();
        for (PlatformService service : PlatformService.values()) {
            if (platform.getSpec().serviceSpec(service).isEnabled()) {
                Deployment deployment = deployment(platform, service, configHash);
                var template = deployment.getSpec().getTemplate();
                template.getMetadata().getAnnotations().put(ReferencedSecrets.HASH_ANNOTATION,
                        ReferencedSecrets.hash(context.getClient(), platform.getMetadata().getNamespace(),
                                ReferencedSecrets.of(template.getSpec()), secretsRead));
                desired.put(ResourceID.fromResource(deployment), deployment);
            }
        }
        // Label the engineer's Secrets just read, so that a change to them reaches the operator.
        ReferencedSecrets.watch(context.getClient(), secretsRead);
        return desired;
    }

    @Override
    public void deleteTargetResource(VideoPlatform platform, Deployment deployment, ResourceID key,
            Context<VideoPlatform> context) {
        super.deleteTargetResource(platform, deployment, key, context);
        events.record(platform, PlatformEvents.NORMAL, "ServiceDisabled",
                "Deleted Deployment " + key.getName() + ": its service is disabled");
    }

    /** The Deployment of one service before the Secrets hash is added (package-visible for tests). */
    Deployment deployment(VideoPlatform platform, PlatformService service, String configHash) {
        ServiceSpec serviceSpec = platform.getSpec().serviceSpec(service);
        Map<String, String> selector = PlatformObjects.selectorLabels(platform, service);
        Map<String, String> labels = PlatformObjects.serviceLabels(platform, service);
        ImageSpec image = platform.getSpec().getImage();
        return new DeploymentBuilder()
                .withMetadata(PlatformObjects.metadata(platform, PlatformObjects.serviceObjectName(platform, service), labels))
                .withNewSpec()
                // With autoscaling on, replicas belong to the HorizontalPodAutoscaler: leaving the field
                // out keeps the operator from fighting it.
                .withReplicas(serviceSpec.getAutoscaling().isEnabled() ? null : serviceSpec.getReplicas())
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .withAnnotations(new TreeMap<>(Map.of(CONFIG_HASH_ANNOTATION, configHash)))
                .endMetadata()
                .withSpec(new PodSpecBuilder()
                        .withAutomountServiceAccountToken(false)
                        .withEnableServiceLinks(false)
                        .withImagePullSecrets(image.getPullSecrets().stream().map(LocalObjectReference::new).toList())
                        .withNewSecurityContext()
                        .withRunAsNonRoot(true)
                        .withRunAsUser(RUN_AS_USER)
                        .withRunAsGroup(RUN_AS_USER)
                        .withFsGroup(RUN_AS_USER)
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                        .endSecurityContext()
                        .withTopologySpreadConstraints(
                                spread("topology.kubernetes.io/zone", selector),
                                spread("kubernetes.io/hostname", selector))
                        .withContainers(container(platform, service, serviceSpec))
                        .withVolumes(volumes(platform, service))
                        .build())
                .endTemplate()
                .endSpec()
                .build();
    }

    private Container container(VideoPlatform platform, PlatformService service, ServiceSpec serviceSpec) {
        ImageSpec image = platform.getSpec().getImage();
        String tag = image.getTag() != null ? image.getTag() : defaultImageTag;
        return new ContainerBuilder()
                .withName(service.serviceName())
                .withImage(image.getRegistry() + "/" + service.imageName() + ":" + tag)
                .withImagePullPolicy(image.getPullPolicy().value())
                .addNewPort()
                .withName(PlatformObjects.SERVICE_PORT_NAME)
                .withContainerPort(PlatformObjects.SERVICE_PORT)
                .withProtocol("TCP")
                .endPort()
                .addNewEnvFrom().withNewConfigMapRef().withName(PlatformObjects.configMapName(platform)).endConfigMapRef()
                .endEnvFrom()
                .withEnv(ContainerEnv.merge(operatorEnv(platform, service), serviceSpec.getEnv()))
                .withResources(serviceSpec.getResources())
                // A JVM service may take a while to start; the startup probe holds the other two off until then.
                .withStartupProbe(probe("/q/health/started", 5, 60))
                .withLivenessProbe(probe("/q/health/live", 10, 3))
                .withReadinessProbe(probe("/q/health/ready", 5, 3))
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .withVolumeMounts(volumeMounts(platform, service))
                .build();
    }

    /** The variables the operator sets on a service's container (spec.services.<name>.env comes after them). */
    public static List<EnvVar> operatorEnv(VideoPlatform platform, PlatformService service) {
        VideoPlatformSpec spec = platform.getSpec();
        List<EnvVar> env = new ArrayList<>();
        service.database().ifPresent(database -> {
            String secret = PlatformObjects.postgresSecretName(platform, service);
            String sslMode = spec.getPostgres().getSslMode().value();
            // Host and port come first: the URLs below expand them with Kubernetes' $(VAR) syntax.
            env.add(fromSecret("VP_POSTGRES_HOST", secret, PostgresSpec.HOST_KEY));
            env.add(fromSecret("VP_POSTGRES_PORT", secret, PostgresSpec.PORT_KEY));
            env.add(fromSecret("QUARKUS_DATASOURCE_USERNAME", secret, PostgresSpec.USERNAME_KEY));
            env.add(fromSecret("QUARKUS_DATASOURCE_PASSWORD", secret, PostgresSpec.PASSWORD_KEY));
            env.add(value("QUARKUS_DATASOURCE_REACTIVE_URL",
                    "postgresql://$(VP_POSTGRES_HOST):$(VP_POSTGRES_PORT)/" + database));
            env.add(value("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", sslMode));
            env.add(value("QUARKUS_DATASOURCE_JDBC_URL",
                    "jdbc:postgresql://$(VP_POSTGRES_HOST):$(VP_POSTGRES_PORT)/" + database + "?sslmode=" + sslMode));
        });
        // Every service rate-limits in Redis.
        env.add(fromSecret("QUARKUS_REDIS_HOSTS", spec.getRedis().getSecretName(), RedisSpec.URL_KEY));
        String keys = PlatformObjects.platformKeysSecretName(platform);
        env.add(fromSecret("VIDEOPLATFORM_PAGE_TOKEN_SECRET", keys, PlatformKeysSecretDependentResource.PAGE_TOKEN_KEY));
        // Every service calls or answers internal RPCs with tokens signed by this key.
        env.add(fromSecret("VIDEOPLATFORM_SERVICE_IDENTITY_KEY", keys, PlatformKeysSecretDependentResource.SERVICE_IDENTITY_KEY));
        if (service == PlatformService.UPLOAD) {
            env.add(fromSecret("VIDEOPLATFORM_UPLOAD_URL_SECRET", keys, PlatformKeysSecretDependentResource.UPLOAD_URL_KEY));
        }
        if (service == PlatformService.STREAMING) {
            env.add(fromSecret("VIDEOPLATFORM_STREAMING_PLAYBACK_TOKEN_SECRET", keys,
                    PlatformKeysSecretDependentResource.PLAYBACK_TOKEN_KEY));
        }
        KafkaAuthenticationSpec kafkaAuth = spec.getKafka().getAuthentication();
        if (kafkaAuth != null) {
            env.add(fromSecret("KAFKA_SASL_JAAS_CONFIG", kafkaAuth.getSecretName(), KafkaAuthenticationSpec.JAAS_CONFIG_KEY));
        }
        if (service.usesBlobStorage() && spec.getStorage().getType() == StorageSpec.StorageType.S3) {
            String secret = spec.getStorage().getS3().getCredentialsSecretName();
            env.add(fromSecret("VIDEOPLATFORM_BLOB_S3_ACCESS_KEY_ID", secret, S3StorageSpec.ACCESS_KEY_ID_KEY));
            env.add(fromSecret("VIDEOPLATFORM_BLOB_S3_SECRET_ACCESS_KEY", secret,
                    S3StorageSpec.SECRET_ACCESS_KEY_KEY));
        }
        publicUrl(spec).ifPresent(url -> publicUrlVariable(service).ifPresent(name -> env.add(value(name, url))));
        if (service == PlatformService.NOTIFICATION) {
            env.addAll(notificationEnv(spec));
        }
        return env;
    }

    /** The platform's public origin, {@code https://<spec.gateway.host>}, when a host is set. */
    private static Optional<String> publicUrl(VideoPlatformSpec spec) {
        String host = spec.getGateway().getHost();
        return host == null || host.isBlank() ? Optional.empty() : Optional.of("https://" + host);
    }

    /**
     * The setting of the URLs a service hands out to clients: signed upload URLs
     * (videoplatform.upload.public-url), playback URLs (videoplatform.streaming.public-url), the
     * emails' links and unsubscribe URL (VP_SITE_URL). They must name the public entry, not the pod.
     */
    private static Optional<String> publicUrlVariable(PlatformService service) {
        return switch (service) {
            case UPLOAD -> Optional.of("VIDEOPLATFORM_UPLOAD_PUBLIC_URL");
            case STREAMING -> Optional.of("VIDEOPLATFORM_STREAMING_PUBLIC_URL");
            case NOTIFICATION -> Optional.of("VP_SITE_URL");
            default -> Optional.empty();
        };
    }

    /** The emails' SMTP server (quarkus-mailer's own variables, credentials as secretKeyRefs). */
    private static List<EnvVar> notificationEnv(VideoPlatformSpec spec) {
        List<EnvVar> env = new ArrayList<>();
        SmtpSpec smtp = spec.getNotification().getSmtp();
        if (smtp == null) {
            return env;
        }
        env.add(value("QUARKUS_MAILER_HOST", smtp.getHost()));
        env.add(value("QUARKUS_MAILER_PORT", Integer.toString(smtp.getPort())));
        env.add(value("QUARKUS_MAILER_START_TLS", smtp.getTlsMode() == SmtpSpec.TlsMode.STARTTLS ? "REQUIRED" : "DISABLED"));
        env.add(value("QUARKUS_MAILER_TLS", Boolean.toString(smtp.getTlsMode() == SmtpSpec.TlsMode.TLS)));
        if (smtp.getFrom() != null && !smtp.getFrom().isBlank()) {
            env.add(value("VP_MAIL_FROM", smtp.getFrom()));
        }
        if (smtp.getSecretName() != null && !smtp.getSecretName().isBlank()) {
            env.add(fromSecret("QUARKUS_MAILER_USERNAME", smtp.getSecretName(), SmtpSpec.USERNAME_KEY));
            env.add(fromSecret("QUARKUS_MAILER_PASSWORD", smtp.getSecretName(), SmtpSpec.PASSWORD_KEY));
        }
        return env;
    }

    private static List<Volume> volumes(VideoPlatform platform, PlatformService service) {
        List<Volume> volumes = new ArrayList<>();
        // The root filesystem is read-only; the JVM and Vert.x still need a scratch directory.
        volumes.add(new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
        if (service == PlatformService.USER) {
            // Only the user service signs tokens (reading the key file); the others verify through its JWKS.
            volumes.add(new VolumeBuilder().withName(JWT_VOLUME).withNewSecret()
                    .withSecretName(PlatformObjects.jwtSecretName(platform))
                    .addNewItem().withKey(AuthSpec.PRIVATE_KEY).withPath(AuthSpec.PRIVATE_KEY).endItem()
                    .withDefaultMode(0400)
                    .endSecret().build());
        }
        KafkaTlsSpec kafkaTls = platform.getSpec().getKafka().getTls();
        if (kafkaTls.hasCaSecret()) {
            volumes.add(new VolumeBuilder().withName(KAFKA_CA_VOLUME).withNewSecret()
                    .withSecretName(kafkaTls.getCaSecretName())
                    .addNewItem().withKey(kafkaTls.getCaCertificateKey())
                    .withPath(SharedConfigMapDependentResource.KAFKA_CA_FILE).endItem()
                    .endSecret().build());
        }
        if (mountsBlobClaim(platform, service)) {
            volumes.add(new VolumeBuilder().withName(BLOBS_VOLUME)
                    .withNewPersistentVolumeClaim().withClaimName(PlatformObjects.blobClaimName(platform))
                    .endPersistentVolumeClaim()
                    .build());
        }
        return volumes;
    }

    private static List<VolumeMount> volumeMounts(VideoPlatform platform, PlatformService service) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build());
        if (service == PlatformService.USER) {
            mounts.add(new VolumeMountBuilder().withName(JWT_VOLUME).withMountPath(JWT_DIRECTORY).withReadOnly(true).build());
        }
        if (platform.getSpec().getKafka().getTls().hasCaSecret()) {
            mounts.add(new VolumeMountBuilder().withName(KAFKA_CA_VOLUME)
                    .withMountPath(SharedConfigMapDependentResource.KAFKA_CA_DIRECTORY).withReadOnly(true).build());
        }
        if (mountsBlobClaim(platform, service)) {
            mounts.add(new VolumeMountBuilder().withName(BLOBS_VOLUME)
                    .withMountPath(SharedConfigMapDependentResource.BLOB_DIRECTORY).build());
        }
        return mounts;
    }

    private static boolean mountsBlobClaim(VideoPlatform platform, PlatformService service) {
        return service.usesBlobStorage() && platform.getSpec().getStorage().getType() == StorageSpec.StorageType.PVC;
    }

    private static Probe probe(String path, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(path)
                .withPort(new IntOrString(PlatformObjects.SERVICE_PORT_NAME))
                .withScheme("HTTP")
                .endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withFailureThreshold(failureThreshold)
                .withTimeoutSeconds(2)
                .withSuccessThreshold(1)
                .build();
    }

    private static TopologySpreadConstraint spread(String topologyKey, Map<String, String> selector) {
        // ScheduleAnyway: spreading is a preference; a single-zone or single-node cluster still runs.
        return new TopologySpreadConstraintBuilder()
                .withTopologyKey(topologyKey)
                .withMaxSkew(1)
                .withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector().withMatchLabels(selector).endLabelSelector()
                .build();
    }

    private static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom()
                .build();
    }

    private static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
