package dev.videoplatform.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.videoplatform.operator.catalog.TopicCatalog;
import dev.videoplatform.operator.crd.GatewaySpec;
import dev.videoplatform.operator.crd.GatewayTlsSpec;
import dev.videoplatform.operator.crd.KafkaAuthenticationSpec;
import dev.videoplatform.operator.crd.PostgresSpec;
import dev.videoplatform.operator.crd.PvcStorageSpec;
import dev.videoplatform.operator.crd.S3StorageSpec;
import dev.videoplatform.operator.crd.ServiceSpec;
import dev.videoplatform.operator.crd.SmtpSpec;
import dev.videoplatform.operator.crd.StorageSpec;
import dev.videoplatform.operator.crd.TopicSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import dev.videoplatform.operator.crd.VideoPlatformSpec;
import dev.videoplatform.operator.crd.VideoPlatformStatus;
import dev.videoplatform.operator.dependent.KafkaTopicDependentResource;
import dev.videoplatform.operator.dependent.PlatformObjects;
import dev.videoplatform.operator.dependent.ReferencedSecrets;
import dev.videoplatform.operator.dependent.ServiceDeploymentDependentResource;
import dev.videoplatform.operator.dependent.SharedConfigMapDependentResource;
import dev.videoplatform.operator.postgres.TestPostgres;
import dev.videoplatform.operator.prometheus.ServiceMonitor;
import dev.videoplatform.operator.status.KafkaTopicReadiness;
import dev.videoplatform.operator.status.ReconcileOutcome;
import dev.videoplatform.operator.status.StatusAggregator;
import dev.videoplatform.operator.strimzi.KafkaTopic;
import dev.videoplatform.operator.strimzi.KafkaTopicStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator end to end against the fabric8 mock API server in CRUD mode. The mock server applies
 * no defaults and runs no controllers (no garbage collection, no Deployment status): ownership is
 * asserted through owner references, and readiness is simulated by writing Deployment status.
 */
@QuarkusTest
@WithKubernetesTestServer
class VideoPlatformReconcilerTest {

    static final String NAMESPACE = "videos";
    /** Where Strimzi's topic operator watches in these tests: the Kafka cluster's namespace. */
    static final String KAFKA_NAMESPACE = "kafka";
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final List<String> SERVICES = List.of("user", "upload", "transcode", "streaming", "search", "comment",
            "analytics", "recommendation", "notification", "admin");

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    ReconciliationCounter reconciliations;

    @BeforeEach
    void connectionSecretsAndStorageClasses() {
        putConnectionSecrets(NAMESPACE);
        putStorageClasses();
    }

    @Test
    void minimalSampleYieldsEveryObjectOwnedByThePlatform() throws IOException {
        GenericKubernetesResource sample;
        try (InputStream in = Files.newInputStream(Path.of("../k8s/samples/minimal.yaml"))) {
            sample = client.getKubernetesSerialization().unmarshal(in, GenericKubernetesResource.class);
        }
        assertThat(sample.getAdditionalProperties().get("spec")).isEqualTo(Map.of());
        sample.getMetadata().setNamespace(NAMESPACE);
        client.resource(sample).create();
        String name = sample.getMetadata().getName();
        VideoPlatform platform = awaitReconciled(name);

        List<Deployment> deployments = await().atMost(TIMEOUT).until(() -> serviceObjects(Deployment.class, name),
                l -> l.size() == 10);
        List<Service> services = serviceObjects(Service.class, name);
        Deployment gateway = await().atMost(TIMEOUT).until(() -> deployment(name + "-gateway"), d -> d != null);
        ConfigMap gatewayConfig = client.configMaps().inNamespace(NAMESPACE).withName(name + "-gateway").get();
        Service gatewayService = client.services().inNamespace(NAMESPACE).withName(name + "-gateway").get();
        List<HorizontalPodAutoscaler> autoscalers = listOf(HorizontalPodAutoscaler.class, name);
        List<PodDisruptionBudget> budgets = listOf(PodDisruptionBudget.class, name);
        List<KafkaTopic> topics = listOf(KafkaTopic.class, name);
        List<NetworkPolicy> policies = listOf(NetworkPolicy.class, name);
        assertThat(names(deployments)).containsExactlyInAnyOrderElementsOf(SERVICES.stream().map(s -> name + "-" + s).toList());
        assertThat(names(services)).isEqualTo(names(deployments));
        assertThat(names(autoscalers)).isEqualTo(names(deployments));
        assertThat(names(budgets)).isEqualTo(names(deployments));
        assertThat(names(policies)).isEqualTo(names(deployments));
        assertThat(topics).hasSize(TopicCatalog.all().size());
        ConfigMap config = client.configMaps().inNamespace(NAMESPACE).withName(name + "-config").get();
        Secret jwt = client.secrets().inNamespace(NAMESPACE).withName(name + "-jwt-signing-key").get();
        Secret keys = client.secrets().inNamespace(NAMESPACE).withName(name + "-platform-keys").get();
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(NAMESPACE).withName(name + "-blobs").get();

        List<HasMetadata> all = new ArrayList<>();
        all.addAll(deployments);
        all.addAll(services);
        all.addAll(autoscalers);
        all.addAll(budgets);
        all.addAll(topics);
        all.addAll(policies);
        all.addAll(List.of(config, jwt, keys, gateway, gatewayConfig, gatewayService));
        for (HasMetadata object : all) {
            assertThat(object.getMetadata().getOwnerReferences())
                    .as("owner of %s %s", object.getKind(), object.getMetadata().getName())
                    .singleElement()
                    .satisfies(owner -> {
                        assertThat(owner.getUid()).isEqualTo(platform.getMetadata().getUid());
                        assertThat(owner.getKind()).isEqualTo("VideoPlatform");
                    });
            assertThat(object.getMetadata().getLabels()).containsEntry(PlatformObjects.LABEL_MANAGED_BY,
                    PlatformObjects.MANAGED_BY);
        }

        // The blobs outlive the platform by default: no owner reference, so no garbage collection.
        assertThat(claim.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(claim.getMetadata().getLabels()).containsEntry(PlatformObjects.LABEL_INSTANCE, name)
                .containsEntry(PlatformObjects.LABEL_MANAGED_BY, PlatformObjects.MANAGED_BY);
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");

        Deployment upload = byName(deployments, name + "-upload");
        assertThat(upload.getSpec().getReplicas()).as("replicas belong to the autoscaler").isNull();
        var pod = upload.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("ghcr.io/videoplatform/videoplatform-upload-service:0.1.0-SNAPSHOT");
        assertThat(container.getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath())
                .containsExactly("/tmp", "/var/lib/videoplatform/blobs");
        assertThat(pod.getTopologySpreadConstraints()).extracting(c -> c.getTopologyKey())
                .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        assertThat(container.getEnvFrom()).singleElement()
                .satisfies(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo(name + "-config"));
        assertThat(env(container)).containsEntry("QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://$(VP_POSTGRES_HOST):$(VP_POSTGRES_PORT)/videos?sslmode=prefer")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "prefer");
        assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("QUARKUS_DATASOURCE_PASSWORD")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("videoplatform-postgres"));
        assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("VIDEOPLATFORM_UPLOAD_URL_SECRET")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(keys.getMetadata().getName()));
        assertThat(upload.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey(ServiceDeploymentDependentResource.CONFIG_HASH_ANNOTATION);
        Container transcode = byName(deployments, name + "-transcode").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(transcode)).as("transcode owns no database").doesNotContainKey("QUARKUS_DATASOURCE_JDBC_URL");
        Container user = byName(deployments, name + "-user").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(user.getVolumeMounts()).filteredOn(m -> m.getMountPath().equals("/var/run/secrets/videoplatform/jwt"))
                .singleElement().satisfies(m -> assertThat(m.getReadOnly()).isTrue());
        assertThat(signingKeyVolume(byName(deployments, name + "-user")).getSecretName()).isEqualTo(jwt.getMetadata().getName());
        assertThat(transcode.getVolumeMounts()).extracting(m -> m.getMountPath()).doesNotContain("/var/run/secrets/videoplatform/jwt");
        for (Deployment deployment : deployments) {
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .as("page-token key of %s", deployment.getMetadata().getName())
                    .filteredOn(e -> e.getName().equals("VIDEOPLATFORM_PAGE_TOKEN_SECRET")).singleElement()
                    .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(keys.getMetadata().getName()));
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .as("service-identity key of %s", deployment.getMetadata().getName())
                    .filteredOn(e -> e.getName().equals("VIDEOPLATFORM_SERVICE_IDENTITY_KEY")).singleElement()
                    .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef()).satisfies(ref -> {
                        assertThat(ref.getName()).isEqualTo(keys.getMetadata().getName());
                        assertThat(ref.getKey()).isEqualTo("service-identity-key");
                    }));
        }
        assertThat(transcode.getEnv()).extracting(e -> e.getName()).doesNotContain("VIDEOPLATFORM_UPLOAD_URL_SECRET");

        Service search = byName(services, name + "-search");
        assertThat(search.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(8080);
            assertThat(p.getName()).isEqualTo("grpc-http");
            assertThat(p.getAppProtocol()).isEqualTo("kubernetes.io/h2c");
        });
        assertThat(search.getSpec().getSelector()).isEqualTo(byName(deployments, name + "-search").getSpec().getSelector().getMatchLabels());
        HorizontalPodAutoscaler hpa = byName(autoscalers, name + "-search");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(name + "-search");
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(75);
        assertThat(byName(budgets, name + "-search").getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);

        KafkaTopic dlq = byName(topics, name + "-video-uploaded-dlq");
        assertThat(dlq.getMetadata().getLabels()).containsEntry(KafkaTopic.CLUSTER_LABEL, "kafka");
        assertThat(dlq.getSpec().getTopicName()).isEqualTo("video.uploaded.dlq");
        assertThat(dlq.getSpec().getPartitions()).isEqualTo(1);
        assertThat(dlq.getSpec().getReplicas()).isEqualTo(3);
        assertThat(dlq.getSpec().getConfig()).containsEntry("retention.ms", Long.toString(Duration.ofDays(14).toMillis()));

        assertThat(config.getData()).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka-kafka-bootstrap:9092")
                .containsEntry("QUARKUS_GRPC_CLIENTS_USER_HOST", name + "-user");
        assertThat(jwt.getData()).containsKeys("private.pem", "public.pem");
        assertThat(keys.getData()).containsOnlyKeys("page-token-secret", "upload-url-secret", "playback-token-secret",
                "service-identity-key");
        assertThat(java.util.Base64.getDecoder().decode(java.util.Base64.getDecoder().decode(keys.getData().get("service-identity-key"))))
                .as("32 random bytes").hasSize(32);
        Container streaming = byName(deployments, name + "-streaming").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(streaming.getEnv()).filteredOn(e -> e.getName().equals("VIDEOPLATFORM_STREAMING_PLAYBACK_TOKEN_SECRET"))
                .singleElement().satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getKey())
                        .isEqualTo("playback-token-secret"));
        assertThat(java.util.Base64.getDecoder().decode(keys.getData().get("page-token-secret")))
                .as("a base64 text of 32 random bytes").hasSize(44);
        assertThat(keys.getData().get("page-token-secret")).isNotEqualTo(keys.getData().get("upload-url-secret"));
        assertThat(config.getData()).containsEntry("VIDEOPLATFORM_BLOB_ROOT", "/var/lib/videoplatform/blobs");
        assertThat(config.getData()).containsEntry("VIDEOPLATFORM_GRPC_TRUSTED_PROXIES", "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fd00::/8");
        assertThat(new String(java.util.Base64.getDecoder().decode(jwt.getData().get("private.pem"))))
                .startsWith("-----BEGIN PRIVATE KEY-----");
        // Each service's port admits the gateway and the services that call it, nothing else.
        assertThat(admittedPods(byName(policies, name + "-upload"), name))
                .containsExactlyInAnyOrder("gateway", "streaming", "search", "comment", "recommendation", "admin");
        assertThat(admittedPods(byName(policies, name + "-user"), name))
                .containsExactlyInAnyOrder("gateway", "upload", "search", "comment", "recommendation", "notification", "admin");
        assertThat(admittedPods(byName(policies, name + "-search"), name)).containsExactly("gateway");
        assertThat(admittedPods(byName(policies, name + "-transcode"), name)).containsExactly("gateway");
        NetworkPolicy streamingPolicy = byName(policies, name + "-streaming");
        assertThat(streamingPolicy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(byName(deployments, name + "-streaming").getSpec().getSelector().getMatchLabels());
        assertThat(streamingPolicy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(streamingPolicy.getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getPorts())
                .singleElement().satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(8080)));

        // The gateway: Envoy running the generated config, which routes every client-facing service
        // to this instance's Services and checks tokens against this instance's user-service.
        String envoyYaml = gatewayConfig.getData().get("envoy.yaml");
        assertThat(envoyYaml).contains("envoy.filters.http.grpc_json_transcoder", "videoplatform.upload.v1.VideoService",
                name + "-upload", name + "-streaming", "http://" + name + "-user:8080/.well-known/jwks.json",
                "/etc/envoy/descriptor_set.pb");
        var descriptor = com.google.protobuf.DescriptorProtos.FileDescriptorSet.parseFrom(
                java.util.Base64.getDecoder().decode(gatewayConfig.getBinaryData().get("descriptor_set.pb")));
        assertThat(descriptor.getFileList().stream().flatMap(f -> f.getServiceList().stream().map(sv -> f.getPackage() + "." + sv.getName())))
                .contains("videoplatform.user.v1.UserService", "videoplatform.upload.v1.VideoService",
                        "videoplatform.streaming.v1.StreamingService");
        var gatewayPod = gateway.getSpec().getTemplate().getSpec();
        Container envoy = gatewayPod.getContainers().get(0);
        assertThat(envoy.getImage()).startsWith("envoyproxy/envoy:v1.");
        assertThat(envoy.getArgs()).containsSubsequence("-c", "/etc/envoy/envoy.yaml");
        assertThat(envoy.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(envoy.getVolumeMounts()).singleElement().satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/etc/envoy"));
        assertThat(gatewayPod.getVolumes()).singleElement()
                .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo(name + "-gateway"));
        assertThat(gatewayPod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(gateway.getSpec().getReplicas()).isEqualTo(2);
        assertThat(gateway.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey(ServiceDeploymentDependentResource.CONFIG_HASH_ANNOTATION);
        assertThat(gatewayService.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(gatewayService.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(80));
        assertThat(gatewayService.getSpec().getSelector()).isEqualTo(gateway.getSpec().getSelector().getMatchLabels());

        VideoPlatformStatus status = platform.getStatus();
        assertThat(status.getObservedGeneration()).isEqualTo(platform.getMetadata().getGeneration());
        assertThat(status.getPhase()).isEqualTo(VideoPlatformStatus.Phase.Progressing);
        assertThat(status.getServicesReady()).isEqualTo("0/10");
        assertThat(status.getServices()).hasSize(10);
        assertCondition(status, StatusAggregator.RECONCILED, "True", "ReconcileSucceeded");
        assertCondition(status, StatusAggregator.DEGRADED, "False", "AsExpected");
        assertCondition(status, StatusAggregator.READY, "False", "ServicesNotReady");
        assertThat(status.getConditions()).allSatisfy(c -> {
            assertThat(c.getObservedGeneration()).isEqualTo(platform.getMetadata().getGeneration());
            assertThat(c.getLastTransitionTime()).isNotBlank();
        });
        await().atMost(TIMEOUT).until(() -> eventReasons(name).containsAll(List.of("JwtSigningKeyGenerated",
                "PlatformKeysGenerated")));
    }

    /** The {@code app.kubernetes.io/name} of the pods a service's policy admits, all of this instance. */
    private static List<String> admittedPods(NetworkPolicy policy, String instance) {
        return policy.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream())
                .map(peer -> peer.getPodSelector().getMatchLabels())
                .peek(labels -> assertThat(labels).containsEntry(PlatformObjects.LABEL_INSTANCE, instance))
                .map(labels -> labels.get(PlatformObjects.LABEL_NAME))
                .toList();
    }

    @Test
    void anOlderPlatformGetsTheServiceIdentityKeyAndLosesTheInstanceWidePolicy() {
        String name = "upgraded";
        create(name, spec -> { });
        awaitReconciled(name);
        String keysName = name + "-platform-keys";
        Secret generated = await().atMost(TIMEOUT).until(() -> client.secrets().inNamespace(NAMESPACE).withName(keysName).get(),
                s -> s != null);
        VideoPlatform platform = client.resources(VideoPlatform.class).inNamespace(NAMESPACE).withName(name).get();
        // What an operator before service identity left behind: no service-identity key, and one
        // policy admitting every pod of the instance to every service.
        client.secrets().inNamespace(NAMESPACE).withName(keysName).edit(secret -> {
            secret.getData().remove("service-identity-key");
            return secret;
        });
        NetworkPolicy instanceWide = new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder()
                .withMetadata(PlatformObjects.metadata(platform, name + "-services", PlatformObjects.labels(platform, "network-policy")))
                .withNewSpec().withNewPodSelector().addToMatchLabels(PlatformObjects.LABEL_INSTANCE, name).endPodSelector()
                .addNewIngress().addNewFrom().withNewPodSelector().addToMatchLabels(PlatformObjects.LABEL_INSTANCE, name)
                .endPodSelector().endFrom().endIngress().endSpec().build();
        instanceWide.addOwnerReference(platform);
        client.network().networkPolicies().inNamespace(NAMESPACE).resource(instanceWide).create();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Secret keys = client.secrets().inNamespace(NAMESPACE).withName(keysName).get();
            assertThat(keys.getData()).containsKey("service-identity-key");
            assertThat(keys.getData().get("page-token-secret")).as("existing keys are kept")
                    .isEqualTo(generated.getData().get("page-token-secret"));
            assertThat(client.network().networkPolicies().inNamespace(NAMESPACE).withName(name + "-services").get()).isNull();
        });
        String identityKey = client.secrets().inNamespace(NAMESPACE).withName(keysName).get().getData().get("service-identity-key");
        edit(name, spec -> spec.getServices().put("search", new ServiceSpec()));
        awaitReconciled(name);
        assertThat(client.secrets().inNamespace(NAMESPACE).withName(keysName).get().getData().get("service-identity-key"))
                .as("never rotated by a reconcile").isEqualTo(identityKey);
    }

    private static io.fabric8.kubernetes.api.model.SecretVolumeSource signingKeyVolume(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).findFirst().orElseThrow().getSecret();
    }

    @Test
    void replicasAutoscalingAndConfigChangesPropagate() {
        String name = "scaling";
        create(name, spec -> { });
        VideoPlatform before = awaitReconciled(name);
        String hashBefore = configHash(name + "-user");

        VideoPlatform edited = edit(name, spec -> {
            ServiceSpec search = new ServiceSpec();
            search.getAutoscaling().setEnabled(false);
            search.setReplicas(3);
            spec.getServices().put("search", search);
            ServiceSpec user = new ServiceSpec();
            user.getAutoscaling().setMaxReplicas(9);
            spec.getServices().put("user", user);
            spec.getObservability().setOtlpEndpoint("http://collector:4317");
        });
        assertThat(edited.getMetadata().getGeneration()).isGreaterThan(before.getMetadata().getGeneration());

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(deployment(name + "-search").getSpec().getReplicas()).isEqualTo(3);
            assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE)
                    .withName(name + "-search").get()).isNull();
            assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE)
                    .withName(name + "-user").get().getSpec().getMaxReplicas()).isEqualTo(9);
            assertThat(client.configMaps().inNamespace(NAMESPACE).withName(name + "-config").get().getData())
                    .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")
                    .doesNotContainKey("QUARKUS_OTEL_SDK_DISABLED");
            assertThat(configHash(name + "-user")).as("a config change rolls the pods").isNotEqualTo(hashBefore);
        });
        VideoPlatform after = awaitReconciled(name);
        assertThat(after.getStatus().getObservedGeneration()).isEqualTo(edited.getMetadata().getGeneration());
        assertThat(after.getStatus().getServices()).filteredOn(s -> s.getName().equals("search")).singleElement()
                .satisfies(s -> assertThat(s.getDesiredReplicas()).isEqualTo(3));
    }

    @Test
    void deletedOrEditedChildrenAreRestored() {
        String name = "drift";
        create(name, spec -> { });
        awaitReconciled(name);
        Deployment original = await().atMost(TIMEOUT).until(() -> deployment(name + "-user"), d -> d != null);
        String image = original.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();

        client.apps().deployments().inNamespace(NAMESPACE).withName(name + "-user").delete();
        await().atMost(TIMEOUT).until(() -> Optional.ofNullable(deployment(name + "-user"))
                .filter(d -> !d.getMetadata().getUid().equals(original.getMetadata().getUid())).isPresent());

        client.apps().deployments().inNamespace(NAMESPACE).withName(name + "-user").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("attacker/image:latest");
            return d;
        });
        await().atMost(TIMEOUT).until(() -> image.equals(
                deployment(name + "-user").getSpec().getTemplate().getSpec().getContainers().get(0).getImage()));

        client.configMaps().inNamespace(NAMESPACE).withName(name + "-config").delete();
        await().atMost(TIMEOUT).until(() -> client.configMaps().inNamespace(NAMESPACE).withName(name + "-config").get() != null);
    }

    @Test
    void theGatewayComesAndGoesWithItsSwitch() {
        String name = "gatewayswitch";
        create(name, spec -> spec.getGateway().setEnabled(false));
        awaitReconciled(name);
        await().atMost(TIMEOUT).until(() -> serviceObjects(Deployment.class, name).size() == 10);
        assertThat(deployment(name + "-gateway")).isNull();
        assertThat(client.configMaps().inNamespace(NAMESPACE).withName(name + "-gateway").get()).isNull();

        edit(name, spec -> {
            spec.getGateway().setEnabled(true);
            spec.getGateway().setServiceType(dev.videoplatform.operator.crd.GatewaySpec.ServiceType.NODE_PORT);
            spec.getGateway().setReplicas(3);
        });
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(deployment(name + "-gateway")).isNotNull();
            assertThat(deployment(name + "-gateway").getSpec().getReplicas()).isEqualTo(3);
            assertThat(client.services().inNamespace(NAMESPACE).withName(name + "-gateway").get().getSpec().getType())
                    .isEqualTo("NodePort");
        });
        assertThat(serviceObjects(Deployment.class, name)).as("the services' own objects are untouched").hasSize(10);

        edit(name, spec -> spec.getGateway().setEnabled(false));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(deployment(name + "-gateway")).isNull();
            assertThat(client.services().inNamespace(NAMESPACE).withName(name + "-gateway").get()).isNull();
            assertThat(client.configMaps().inNamespace(NAMESPACE).withName(name + "-gateway").get()).isNull();
        });
        assertThat(serviceObjects(Deployment.class, name)).hasSize(10);
    }

    @Test
    void theReadyConditionSaysWhyPodsAreNotReady() {
        String name = "failing";
        create(name, spec -> { });
        awaitReconciled(name);
        await().atMost(TIMEOUT).until(() -> serviceObjects(Deployment.class, name).size() == 10);

        // What the kubelet and the scheduler would report: a crash loop, an image that cannot be
        // pulled, a pod that fits on no node, and one merely starting (which is not a problem).
        createPod(name, "user", "user-1", new PodStatusBuilder().withPhase("Running")
                .addNewContainerStatus().withName("user").withReady(false).withRestartCount(4)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                .withMessage("back-off 1m20s restarting failed container").endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error")
                .withMessage("Failed to start: datasource\n  'users' unreachable").endTerminated().endLastState()
                .endContainerStatus().build());
        createPod(name, "upload", "upload-1", new PodStatusBuilder().withPhase("Pending")
                .addNewContainerStatus().withName("upload").withReady(false)
                .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image \"ghcr.io/videoplatform/videoplatform-upload-service:nope\"")
                .endWaiting().endState().endContainerStatus().build());
        createPod(name, "search", "search-1", new PodStatusBuilder().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 3 Insufficient cpu.").endCondition().build());
        createPod(name, "comment", "comment-1", new PodStatusBuilder().withPhase("Running")
                .addNewContainerStatus().withName("comment").withReady(false)
                .withNewState().withNewRunning().endRunning().endState().endContainerStatus().build());

        VideoPlatform platform = awaitStatus(name, s -> StatusAggregator.find(s, StatusAggregator.READY)
                .filter(c -> c.getMessage().contains("Insufficient cpu")).isPresent());
        Condition ready = StatusAggregator.find(platform.getStatus(), StatusAggregator.READY).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("ServicesNotReady");
        assertThat(ready.getMessage())
                .contains("user (0/2, user: CrashLoopBackOff (exit code 1): Failed to start: datasource 'users' unreachable)")
                .contains("upload (0/2, upload: ImagePullBackOff: Back-off pulling image "
                        + "\"ghcr.io/videoplatform/videoplatform-upload-service:nope\")")
                .contains("search (0/2, Pending (Unschedulable): 0/3 nodes are available: 3 Insufficient cpu.)")
                .contains("comment (0/2)")
                .doesNotContain("back-off 1m20s");

        // The crash-looping pod replaced by one that starts: the condition no longer blames it.
        client.pods().inNamespace(NAMESPACE).withName(name + "-user-1").delete();
        awaitStatus(name, s -> StatusAggregator.find(s, StatusAggregator.READY)
                .filter(c -> c.getMessage().contains("user (0/2)") && !c.getMessage().contains("CrashLoopBackOff")).isPresent());
    }

    private void createPod(String platform, String service, String suffix, PodStatus status) {
        VideoPlatform owner = client.resources(VideoPlatform.class).inNamespace(NAMESPACE).withName(platform).get();
        Pod pod = new PodBuilder()
                .withMetadata(PlatformObjects.metadata(owner, platform + "-" + suffix,
                        PlatformObjects.serviceLabels(owner, dev.videoplatform.operator.catalog.PlatformService.byName(service).orElseThrow())))
                .withNewSpec().addNewContainer().withName(service).withImage("image").endContainer().endSpec()
                .build();
        Pod created = client.pods().inNamespace(NAMESPACE).resource(pod).create();
        created.setStatus(status);
        client.pods().inNamespace(NAMESPACE).resource(created).updateStatus();
    }

    @Test
    void aChangedSecretRollsThePodsThatReadItAndNoOthers() {
        // Its own namespace: the connection Secrets changed here are shared by the platforms of a namespace.
        String namespace = "rotating";
        String name = "rotating";
        putConnectionSecrets(namespace);
        VideoPlatform platform = new VideoPlatform();
        platform.getMetadata().setName(name);
        platform.getMetadata().setNamespace(namespace);
        client.resource(platform).create();
        await().atMost(TIMEOUT).until(() -> client.apps().deployments().inNamespace(namespace)
                .withLabel(PlatformObjects.LABEL_COMPONENT, PlatformObjects.COMPONENT_SERVICE).list().getItems().size() == 10);
        Map<String, String> before = podTemplateAnnotations(namespace, name + "-user");
        Map<String, String> transcodeBefore = podTemplateAnnotations(namespace, name + "-transcode");
        assertThat(before).containsKeys(ReferencedSecrets.HASH_ANNOTATION, ServiceDeploymentDependentResource.CONFIG_HASH_ANNOTATION);
        Secret postgres = await().atMost(TIMEOUT).until(() -> client.secrets().inNamespace(namespace)
                .withName("videoplatform-postgres").get(), s -> s.getMetadata().getLabels() != null
                        && "true".equals(s.getMetadata().getLabels().get(ReferencedSecrets.WATCHED_LABEL)));
        assertThat(postgres.getMetadata().getOwnerReferences()).as("the engineer's Secret stays theirs").isNullOrEmpty();

        client.secrets().inNamespace(namespace).withName("videoplatform-postgres")
                .edit(s -> new SecretBuilder(s).addToStringData("password", "rotated").build());

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(podTemplateAnnotations(namespace, name + "-user"))
                .as("user-service reads the database password").doesNotContainEntry(ReferencedSecrets.HASH_ANNOTATION,
                        before.get(ReferencedSecrets.HASH_ANNOTATION)));
        assertThat(podTemplateAnnotations(namespace, name + "-user"))
                .containsEntry(ServiceDeploymentDependentResource.CONFIG_HASH_ANNOTATION,
                        before.get(ServiceDeploymentDependentResource.CONFIG_HASH_ANNOTATION));
        assertThat(podTemplateAnnotations(namespace, name + "-transcode")).as("transcode has no database")
                .isEqualTo(transcodeBefore);
        assertThat(client.resources(VideoPlatform.class).inNamespace(namespace).withName(name).get().getMetadata()
                .getGeneration()).as("the spec was not touched").isEqualTo(1L);
    }

    private Map<String, String> podTemplateAnnotations(String namespace, String deployment) {
        return client.apps().deployments().inNamespace(namespace).withName(deployment).get()
                .getSpec().getTemplate().getMetadata().getAnnotations();
    }

    @Test
    void authorEnvReplacesValuesOnceButNeverSecretBackedVariables() {
        String name = "envs";
        create(name, spec -> {
            ServiceSpec user = new ServiceSpec();
            user.getEnv().add(new EnvVar("QUARKUS_LOG_LEVEL", "DEBUG", null));
            user.getEnv().add(new EnvVar("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://$(VP_POSTGRES_HOST):6432/users", null));
            user.getEnv().add(new EnvVar("QUARKUS_LOG_LEVEL", "WARN", null));
            spec.getServices().put("user", user);
        });
        awaitReconciled(name);
        List<EnvVar> env = await().atMost(TIMEOUT).until(() -> deployment(name + "-user"), d -> d != null)
                .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).extracting(EnvVar::getName).as("one variable per name (server-side apply refuses duplicates)")
                .doesNotHaveDuplicates();
        assertThat(env).filteredOn(e -> e.getName().equals("QUARKUS_LOG_LEVEL")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).as("the last definition wins").isEqualTo("WARN"));
        assertThat(env).filteredOn(e -> e.getName().equals("QUARKUS_DATASOURCE_JDBC_URL")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo("jdbc:postgresql://$(VP_POSTGRES_HOST):6432/users"));
        List<String> names = env.stream().map(EnvVar::getName).toList();
        assertThat(names.indexOf("QUARKUS_DATASOURCE_JDBC_URL")).as("after the host it expands")
                .isGreaterThan(names.indexOf("VP_POSTGRES_HOST"));

        edit(name, spec -> {
            spec.getServices().get("user").getEnv().add(new EnvVar("VIDEOPLATFORM_SERVICE_IDENTITY_KEY", "guessable", null));
            spec.getServices().get("user").getEnv().add(new EnvVar("QUARKUS_DATASOURCE_PASSWORD", "mine", null));
        });
        VideoPlatform refused = awaitStatus(name, s -> StatusAggregator.find(s, StatusAggregator.DEGRADED)
                .filter(c -> "InvalidSpec".equals(c.getReason())).isPresent());
        assertThat(StatusAggregator.find(refused.getStatus(), StatusAggregator.DEGRADED).orElseThrow().getMessage())
                .isEqualTo("spec.services.user.env: QUARKUS_DATASOURCE_PASSWORD, VIDEOPLATFORM_SERVICE_IDENTITY_KEY come from "
                        + "Secrets the operator references and cannot be overridden (change the Secret instead)");
        assertThat(deployment(name + "-user").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .as("the running Deployment is left as it was").isEqualTo(env);
    }

    @Test
    void disablingAServiceRemovesItsObjects() {
        String name = "disabling";
        create(name, spec -> { });
        awaitReconciled(name);
        await().atMost(TIMEOUT).until(() -> deployment(name + "-recommendation") != null);

        edit(name, spec -> {
            ServiceSpec recommendation = new ServiceSpec();
            recommendation.setEnabled(false);
            spec.getServices().put("recommendation", recommendation);
        });

        String object = name + "-recommendation";
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(deployment(object)).isNull();
            assertThat(client.services().inNamespace(NAMESPACE).withName(object).get()).isNull();
            assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE).withName(object).get()).isNull();
            assertThat(client.policy().v1().podDisruptionBudget().inNamespace(NAMESPACE).withName(object).get()).isNull();
            assertThat(client.network().networkPolicies().inNamespace(NAMESPACE).withName(object).get()).isNull();
        });
        assertThat(serviceObjects(Deployment.class, name)).hasSize(9);
        VideoPlatform platform = awaitReconciled(name);
        assertThat(platform.getStatus().getServices()).extracting(s -> s.getName()).doesNotContain("recommendation");
        assertThat(platform.getStatus().getServicesReady()).isEqualTo("0/9");
        await().atMost(TIMEOUT).until(() -> eventReasons(name).contains("ServiceDisabled"));
    }

    @Test
    void analyticsTopicsOutOfStepOrMoreReplicasThanPartitionsAreRefused() {
        String name = "skewed";
        create(name, spec -> {
            TopicSpec wider = new TopicSpec();
            wider.setPartitions(24);
            spec.getKafka().getTopics().put("analytics.events", wider);
        });

        VideoPlatform platform = awaitStatus(name, s -> StatusAggregator.find(s, StatusAggregator.DEGRADED)
                .filter(c -> "InvalidSpec".equals(c.getReason())).isPresent());
        String message = StatusAggregator.find(platform.getStatus(), StatusAggregator.DEGRADED).orElseThrow().getMessage();
        assertThat(message).contains("need the same number of partitions").contains("analytics.events=24")
                .contains("video.uploaded=6");
        assertThat(listOf(Deployment.class, name)).as("nothing is deployed from an invalid spec").isEmpty();

        edit(name, spec -> {
            spec.getKafka().getTopics().clear();
            ServiceSpec analytics = new ServiceSpec();
            analytics.getAutoscaling().setMaxReplicas(8);
            spec.getServices().put("analytics", analytics);
        });
        platform = awaitStatus(name, s -> StatusAggregator.find(s, StatusAggregator.DEGRADED)
                .filter(c -> c.getMessage().contains("maxReplicas 8 exceeds the 6 partitions")).isPresent());
        assertThat(listOf(Deployment.class, name)).isEmpty();
    }

    @Test
    void missingOrIncompleteSecretIsReportedInConditionsAndRecovers() {
        String name = "broken";
        create(name, spec -> spec.getPostgres().setSecretName("missing-postgres"));

        VideoPlatform platform = awaitStatus(name, s -> StatusAggregator.find(s, StatusAggregator.RECONCILED)
                .filter(c -> "False".equals(c.getStatus())).isPresent());
        VideoPlatformStatus status = platform.getStatus();
        assertThat(status.getPhase()).isEqualTo(VideoPlatformStatus.Phase.Degraded);
        assertCondition(status, StatusAggregator.RECONCILED, "False", "InvalidSpec");
        assertCondition(status, StatusAggregator.DEGRADED, "True", "InvalidSpec");
        assertCondition(status, StatusAggregator.READY, "False", "NotReconciled");
        assertThat(StatusAggregator.find(status, StatusAggregator.DEGRADED).orElseThrow().getMessage())
                .isEqualTo("spec.postgres.secretName: Secret 'missing-postgres' not found in namespace 'videos'");
        assertThat(listOf(Deployment.class, name)).as("nothing is deployed from an invalid spec").isEmpty();
        await().atMost(TIMEOUT).until(() -> eventReasons(name).contains("InvalidSpec"));

        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("missing-postgres").endMetadata()
                .withStringData(Map.of("host", "pg", "port", "5432", "username", "videos")).build()).create();
        edit(name, spec -> spec.getImage().setTag("retry-1"));
        platform = awaitStatus(name, s -> StatusAggregator.find(s, StatusAggregator.DEGRADED)
                .filter(c -> c.getMessage().contains("has no password")).isPresent());
        assertThat(StatusAggregator.find(platform.getStatus(), StatusAggregator.DEGRADED).orElseThrow().getMessage())
                .isEqualTo("spec.postgres.secretName: Secret 'missing-postgres' has no password");

        client.secrets().inNamespace(NAMESPACE).withName("missing-postgres")
                .edit(s -> new SecretBuilder(s).addToStringData("password", "secret").build());
        edit(name, spec -> spec.getImage().setTag("retry-2"));
        platform = awaitReconciled(name);
        assertCondition(platform.getStatus(), StatusAggregator.DEGRADED, "False", "AsExpected");
        await().atMost(TIMEOUT).until(() -> serviceObjects(Deployment.class, name).size() == 10);
    }

    @Test
    void jwtSigningKeyIsGeneratedOnceAndAProvidedOneIsUsedAsItIs() {
        String name = "signing";
        create(name, spec -> { });
        awaitReconciled(name);
        Secret generated = await().atMost(TIMEOUT)
                .until(() -> client.secrets().inNamespace(NAMESPACE).withName(name + "-jwt-signing-key").get(), s -> s != null);

        VideoPlatform edited = edit(name, spec -> spec.getImage().setTag("next"));
        awaitStatus(name, s -> s.getObservedGeneration().equals(edited.getMetadata().getGeneration()));
        Secret afterReconcile = client.secrets().inNamespace(NAMESPACE).withName(name + "-jwt-signing-key").get();
        assertThat(afterReconcile.getData()).isEqualTo(generated.getData());
        assertThat(afterReconcile.getMetadata().getResourceVersion()).isEqualTo(generated.getMetadata().getResourceVersion());

        Secret provided = client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("my-signing-key").endMetadata()
                .withStringData(Map.of("private.pem", "provided-private", "public.pem", "provided-public")).build()).create();
        VideoPlatform switched = edit(name, spec -> spec.getAuth().setJwtKeySecretName("my-signing-key"));
        awaitStatus(name, s -> s.getObservedGeneration().equals(switched.getMetadata().getGeneration()));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(signingKeyVolume(deployment(name + "-user")).getSecretName())
                .isEqualTo("my-signing-key"));
        // Used as it is: only labelled, so that a new key in it rolls user-service's pods.
        Secret untouched = await().atMost(TIMEOUT).until(() -> client.secrets().inNamespace(NAMESPACE)
                .withName("my-signing-key").get(), secret -> secret.getMetadata().getLabels() != null);
        assertThat(untouched.getMetadata().getLabels()).containsExactly(Map.entry(ReferencedSecrets.WATCHED_LABEL, "true"));
        assertThat(untouched.getData()).isEqualTo(provided.getData());
        assertThat(untouched.getMetadata().getOwnerReferences()).isNullOrEmpty();
    }

    @Test
    void fullSampleReconciles() throws IOException {
        VideoPlatform platform;
        try (InputStream in = Files.newInputStream(Path.of("../k8s/samples/full.yaml"))) {
            platform = client.getKubernetesSerialization().unmarshal(in, VideoPlatform.class);
        }
        platform.getMetadata().setNamespace(NAMESPACE);
        client.resource(platform).create();
        String name = platform.getMetadata().getName();
        awaitReconciled(name);
        await().atMost(TIMEOUT).until(() -> serviceObjects(Deployment.class, name).size() == 10);
        Deployment admin = deployment(name + "-admin");
        assertThat(admin.getSpec().getReplicas()).isEqualTo(2);
        assertThat(admin.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/videoplatform/videoplatform-admin-service:0.1.0");
        assertThat(admin.getSpec().getTemplate().getSpec().getImagePullSecrets()).extracting(r -> r.getName())
                .containsExactly("registry-credentials");
        assertThat(env(admin.getSpec().getTemplate().getSpec().getContainers().get(0)))
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "require")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://$(VP_POSTGRES_HOST):$(VP_POSTGRES_PORT)/admin?sslmode=require");
        assertThat(client.resources(KafkaTopic.class).inNamespace(NAMESPACE).withName(name + "-analytics-events").get()
                .getSpec().getPartitions()).isEqualTo(24);
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(NAMESPACE).withName(name + "-blobs").get();
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("nfs-client");
        assertThat(claim.getMetadata().getOwnerReferences()).as("deleteClaim: false").isEmpty();
    }

    /** The platform CI installs on kind (scripts/kind-install.sh): what it relies on is what comes out. */
    @Test
    void kindInstallPlatformReconciles() throws IOException {
        VideoPlatform platform;
        try (InputStream in = Files.newInputStream(Path.of("../k8s/kind/videoplatform.yaml"))) {
            platform = client.getKubernetesSerialization().unmarshal(in, VideoPlatform.class);
        }
        String name = "kind-install";
        TestPostgres postgres = TestPostgres.get();
        postgres.createAdmin("platform_admin", "admin-password");
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName(platform.getSpec().getPostgres().getAdminSecretName()).endMetadata()
                .withStringData(Map.of("host", "127.0.0.1", "port", Integer.toString(postgres.port()),
                        "username", "platform_admin", "password", "admin-password"))
                .build()).createOr(existing -> existing.update());
        platform.getMetadata().setName(name);
        platform.getMetadata().setNamespace(NAMESPACE);
        client.resource(platform).create();
        awaitReconciled(name);
        await().atMost(TIMEOUT).until(() -> serviceObjects(HorizontalPodAutoscaler.class, name).size() == 10);
        assertThat(serviceObjects(HorizontalPodAutoscaler.class, name))
                .allSatisfy(hpa -> assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1));
        Deployment upload = deployment(name + "-upload");
        assertThat(upload.getSpec().getTemplate().getSpec().getImagePullSecrets()).extracting(r -> r.getName())
                .containsExactly("ghcr");
        assertThat(env(upload.getSpec().getTemplate().getSpec().getContainers().get(0)))
                .containsEntry("VIDEOPLATFORM_UPLOAD_PUBLIC_URL", "http://localhost:8080");
        assertThat(deployment(name + "-gateway").getSpec().getReplicas()).isEqualTo(1);
        assertThat(client.resources(KafkaTopic.class).inNamespace(KAFKA_NAMESPACE).withName(name + "-analytics-events")
                .get().getSpec().getReplicas()).isEqualTo(1);
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(NAMESPACE).withName(name + "-blobs").get();
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.getMetadata().getOwnerReferences()).as("kept when the platform is deleted").isNullOrEmpty();
    }

    @Test
    void topicsInTheKafkaClustersNamespaceNameTheirPlatformAndTheirReadinessReachesTheStatus() {
        String name = "remote-topics";
        create(name, spec -> spec.getKafka().setTopicNamespace(KAFKA_NAMESPACE));
        awaitReconciled(name);
        List<KafkaTopic> topics = await().atMost(TIMEOUT).until(() -> kafkaTopics(name),
                l -> l.size() == TopicCatalog.all().size());
        assertThat(listOf(KafkaTopic.class, name)).as("none in the platform's namespace").isEmpty();
        for (KafkaTopic topic : topics) {
            assertThat(topic.getMetadata().getOwnerReferences()).as("no owner across namespaces").isNullOrEmpty();
            assertThat(topic.getMetadata().getAnnotations())
                    .containsEntry(KafkaTopicDependentResource.PLATFORM_NAME_ANNOTATION, name)
                    .containsEntry(KafkaTopicDependentResource.PLATFORM_NAMESPACE_ANNOTATION, NAMESPACE);
            assertThat(topic.getMetadata().getLabels()).containsEntry(KafkaTopic.CLUSTER_LABEL, "kafka");
        }
        VideoPlatform platform = awaitStatus(name, s -> StatusAggregator.find(s, KafkaTopicReadiness.KAFKA_TOPICS_READY)
                .isPresent());
        assertCondition(platform.getStatus(), KafkaTopicReadiness.KAFKA_TOPICS_READY, "False", "TopicsNotReady");

        // Strimzi's topic operator reports: every topic ready but one, which it refuses.
        for (KafkaTopic topic : topics) {
            boolean refused = topic.getSpec().getTopicName().equals("video.uploaded");
            topic.setStatus(strimziStatus(refused ? "False" : "True", topic.getMetadata().getGeneration()));
            client.resource(topic).update();
        }
        platform = awaitStatus(name, s -> StatusAggregator.find(s, KafkaTopicReadiness.KAFKA_TOPICS_READY)
                .filter(c -> c.getMessage().startsWith("1/")).isPresent());
        assertThat(StatusAggregator.find(platform.getStatus(), KafkaTopicReadiness.KAFKA_TOPICS_READY).orElseThrow()
                .getMessage()).isEqualTo("1/" + topics.size() + " topics not ready in namespace kafka: video.uploaded "
                        + "(KafkaError: replication factor 3 larger than 1 available brokers)");

        KafkaTopic refused = client.resources(KafkaTopic.class).inNamespace(KAFKA_NAMESPACE)
                .withName(name + "-video-uploaded").get();
        refused.setStatus(strimziStatus("True", refused.getMetadata().getGeneration()));
        client.resource(refused).update();
        platform = awaitStatus(name, s -> StatusAggregator.find(s, KafkaTopicReadiness.KAFKA_TOPICS_READY)
                .filter(c -> "True".equals(c.getStatus())).isPresent());
        assertCondition(platform.getStatus(), KafkaTopicReadiness.KAFKA_TOPICS_READY, "True", "TopicsReady");
    }

    @Test
    void kafkaTlsAndScramCredentialsReachEveryServiceFromTheirSecrets() {
        String name = "secured-kafka";
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("kafka-cluster-ca-cert").endMetadata()
                .withStringData(Map.of("ca.crt", "-----BEGIN CERTIFICATE-----")).build()).createOr(existing -> existing.update());
        create(name, spec -> {
            spec.getKafka().getTls().setEnabled(true);
            spec.getKafka().getTls().setCaSecretName("kafka-cluster-ca-cert");
            KafkaAuthenticationSpec authentication = new KafkaAuthenticationSpec();
            authentication.setSecretName("videos-kafka-user");
            spec.getKafka().setAuthentication(authentication);
        });
        VideoPlatform platform = awaitStatus(name, s -> StatusAggregator.find(s, StatusAggregator.DEGRADED)
                .filter(c -> c.getMessage().contains("videos-kafka-user")).isPresent());
        assertThat(StatusAggregator.find(platform.getStatus(), StatusAggregator.DEGRADED).orElseThrow().getMessage())
                .isEqualTo("spec.kafka.authentication.secretName: Secret 'videos-kafka-user' not found in namespace 'videos'");

        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("videos-kafka-user").endMetadata()
                .withStringData(Map.of("password", "p", KafkaAuthenticationSpec.JAAS_CONFIG_KEY, "jaas")).build())
                .createOr(existing -> existing.update());
        edit(name, spec -> spec.getImage().setTag("with-kafka-user"));
        awaitReconciled(name);
        await().atMost(TIMEOUT).until(() -> serviceObjects(Deployment.class, name).size() == 10);

        ConfigMap config = client.configMaps().inNamespace(NAMESPACE).withName(name + "-config").get();
        assertThat(config.getData()).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/videoplatform/kafka-ca/ca.crt");
        for (Deployment deployment : serviceObjects(Deployment.class, name)) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getContainers().get(0).getEnv()).as(deployment.getMetadata().getName())
                    .filteredOn(e -> e.getName().equals("KAFKA_SASL_JAAS_CONFIG")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("videos-kafka-user");
                        assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
                    });
            assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null
                    && "kafka-cluster-ca-cert".equals(v.getSecret().getSecretName())).singleElement()
                    .satisfies(v -> assertThat(v.getSecret().getItems()).singleElement()
                            .satisfies(item -> assertThat(item.getPath()).isEqualTo("ca.crt")));
            assertThat(pod.getContainers().get(0).getVolumeMounts()).extracting(m -> m.getMountPath())
                    .contains("/etc/videoplatform/kafka-ca");
        }
    }

    @Test
    void theGatewayHostDrivesThePublicUrlsAndTheIngress() {
        String name = "public-entry";
        create(name, spec -> spec.getGateway().setHost("videos.example.com"));
        awaitReconciled(name);
        await().atMost(TIMEOUT).until(() -> serviceObjects(Deployment.class, name).size() == 10);
        assertThat(env(container(name + "-upload"))).containsEntry("VIDEOPLATFORM_UPLOAD_PUBLIC_URL", "https://videos.example.com");
        assertThat(env(container(name + "-streaming")))
                .containsEntry("VIDEOPLATFORM_STREAMING_PUBLIC_URL", "https://videos.example.com");
        assertThat(env(container(name + "-search"))).doesNotContainKeys("VIDEOPLATFORM_UPLOAD_PUBLIC_URL",
                "VIDEOPLATFORM_STREAMING_PUBLIC_URL");
        Service gateway = await().atMost(TIMEOUT).until(
                () -> client.services().inNamespace(NAMESPACE).withName(name + "-gateway").get(), s -> s != null);
        assertThat(gateway.getSpec().getExternalTrafficPolicy()).as("client addresses reach the rate limits")
                .isEqualTo("Local");
        assertThat(serviceObjects(Service.class, name)).as("headless: Envoy resolves every pod")
                .allSatisfy(s -> assertThat(s.getSpec().getClusterIP()).isEqualTo("None"));
        assertThat(ingress(name)).isNull();

        edit(name, spec -> {
            spec.getGateway().setServiceType(GatewaySpec.ServiceType.CLUSTER_IP);
            spec.getGateway().getIngress().setEnabled(true);
            spec.getGateway().getIngress().setClassName("nginx");
            spec.getGateway().getIngress().getAnnotations().put("nginx.ingress.kubernetes.io/proxy-body-size", "0");
            GatewayTlsSpec tls = new GatewayTlsSpec();
            tls.setClusterIssuer("letsencrypt-prod");
            spec.getGateway().setTls(tls);
        });
        Ingress ingress = await().atMost(TIMEOUT).until(() -> ingress(name), i -> i != null);
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt-prod")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "0");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("videos.example.com");
            assertThat(tls.getSecretName()).isEqualTo(name + "-gateway-tls");
        });
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("videos.example.com");
            assertThat(rule.getHttp().getPaths()).singleElement().satisfies(path -> {
                assertThat(path.getPath()).isEqualTo("/");
                assertThat(path.getBackend().getService().getName()).isEqualTo(name + "-gateway");
                assertThat(path.getBackend().getService().getPort().getNumber()).isEqualTo(80);
            });
        });
        assertThat(ingress.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getName()).isEqualTo(name));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.services().inNamespace(NAMESPACE)
                .withName(name + "-gateway").get().getSpec().getExternalTrafficPolicy()).as("ClusterIP takes none").isNull());

        edit(name, spec -> spec.getGateway().getIngress().setEnabled(false));
        edit(name, spec -> spec.getGateway().setTls(null));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ingress(name)).isNull());
    }

    @Test
    void aServiceWithAVirtualIpIsReplacedByAHeadlessOne() {
        String name = "was-clusterip";
        create(name, spec -> { });
        awaitReconciled(name);
        Service user = await().atMost(TIMEOUT).until(
                () -> client.services().inNamespace(NAMESPACE).withName(name + "-user").get(), s -> s != null);
        // As an older operator made it: the API server gave it a virtual IP, which never changes after.
        user.getSpec().setClusterIP("10.96.12.34");
        String oldUid = client.resource(user).update().getMetadata().getUid();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Service current = client.services().inNamespace(NAMESPACE).withName(name + "-user").get();
            assertThat(current).isNotNull();
            assertThat(current.getSpec().getClusterIP()).isEqualTo("None");
            assertThat(current.getMetadata().getUid()).as("replaced, not updated").isNotEqualTo(oldUid);
        });
    }

    @Test
    void s3StorageReachesTheServicesAndNoClaimIsRequested() {
        String name = "on-s3";
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("videoplatform-s3").endMetadata()
                .withStringData(Map.of(S3StorageSpec.ACCESS_KEY_ID_KEY, "key", S3StorageSpec.SECRET_ACCESS_KEY_KEY, "secret"))
                .build()).createOr(existing -> existing.update());
        create(name, spec -> {
            S3StorageSpec s3 = new S3StorageSpec();
            s3.setBucket("media");
            s3.setEndpoint("http://minio.storage:9000");
            s3.setRegion("eu-west-1");
            spec.getStorage().setType(StorageSpec.StorageType.S3);
            spec.getStorage().setS3(s3);
        });
        awaitReconciled(name);
        await().atMost(TIMEOUT).until(() -> serviceObjects(Deployment.class, name).size() == 10);

        ConfigMap config = client.configMaps().inNamespace(NAMESPACE).withName(name + "-config").get();
        assertThat(config.getData()).containsEntry("VIDEOPLATFORM_BLOB_BACKEND", "s3")
                .containsEntry("VIDEOPLATFORM_BLOB_S3_BUCKET", "media")
                .containsEntry("VIDEOPLATFORM_BLOB_S3_ENDPOINT", "http://minio.storage:9000")
                .containsEntry("VIDEOPLATFORM_BLOB_S3_REGION", "eu-west-1")
                .containsEntry("VIDEOPLATFORM_BLOB_S3_PATH_STYLE", "true")
                .containsEntry("VIDEOPLATFORM_BLOB_ROOT", SharedConfigMapDependentResource.SCRATCH_DIRECTORY);
        for (String service : List.of("upload", "transcode", "streaming")) {
            Container container = deployment(name + "-" + service).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getVolumeMounts()).as(service).extracting(m -> m.getMountPath()).containsExactly("/tmp");
            assertThat(container.getEnv()).as(service)
                    .filteredOn(e -> e.getName().startsWith("VIDEOPLATFORM_BLOB_S3_"))
                    .extracting(e -> e.getName() + "=" + e.getValueFrom().getSecretKeyRef().getName() + "/"
                            + e.getValueFrom().getSecretKeyRef().getKey())
                    .containsExactlyInAnyOrder("VIDEOPLATFORM_BLOB_S3_ACCESS_KEY_ID=videoplatform-s3/accessKeyId",
                            "VIDEOPLATFORM_BLOB_S3_SECRET_ACCESS_KEY=videoplatform-s3/secretAccessKey");
        }
        Container search = deployment(name + "-search").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(search.getEnv()).noneMatch(e -> e.getName().startsWith("VIDEOPLATFORM_BLOB_S3_"));
        assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE).withName(name + "-blobs").get())
                .as("no blob claim with s3").isNull();
    }

    @Test
    void anAdminSecretGivesEachServiceItsOwnDatabaseAndLoginOnceAndOnlyItsOwnCredentials() throws Exception {
        String name = "owned-dbs";
        TestPostgres postgres = TestPostgres.get();
        postgres.createAdmin("platform_admin", "admin-password");
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("postgres-admin").endMetadata()
                .withStringData(Map.of("host", "127.0.0.1", "port", "5432/tcp",
                        "username", "platform_admin", "password", "admin-password"))
                .build()).createOr(existing -> existing.update());
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("comment-db").endMetadata()
                .withStringData(Map.of("host", "comments.db", "port", "5432", "username", "comments", "password", "c"))
                .build()).createOr(existing -> existing.update());
        create(name, spec -> {
            spec.getPostgres().setAdminSecretName("postgres-admin");
            spec.getPostgres().setSslMode(PostgresSpec.SslMode.DISABLE);
            spec.getPostgres().getServiceSecrets().put("comment", "comment-db");
        });
        VideoPlatform refused = awaitStatus(name, s -> StatusAggregator.find(s, StatusAggregator.DEGRADED)
                .filter(c -> c.getMessage().contains("5432/tcp")).isPresent());
        assertThat(StatusAggregator.find(refused.getStatus(), StatusAggregator.DEGRADED).orElseThrow().getMessage())
                .isEqualTo("spec.postgres.adminSecretName: Secret 'postgres-admin' has port '5432/tcp', not a port number");
        client.secrets().inNamespace(NAMESPACE).withName("postgres-admin").edit(secret -> new SecretBuilder(secret)
                .addToStringData("port", Integer.toString(postgres.port())).build());
        edit(name, spec -> spec.getImage().setTag("admin-fixed"));
        VideoPlatform platform = awaitReconciled(name);
        await().atMost(TIMEOUT).until(() -> serviceObjects(Deployment.class, name).size() == 10);

        Map<String, String> databases = Map.of("user", "users", "upload", "videos", "search", "search",
                "analytics", "analytics", "notification", "notifications", "admin", "admin");
        for (var entry : databases.entrySet()) {
            String service = entry.getKey();
            String database = entry.getValue();
            Secret credentials = client.secrets().inNamespace(NAMESPACE).withName(name + "-" + service + "-postgres").get();
            assertThat(credentials).as(service).isNotNull();
            assertThat(credentials.getMetadata().getOwnerReferences()).extracting(r -> r.getUid())
                    .containsExactly(platform.getMetadata().getUid());
            assertThat(decoded(credentials, "username")).isEqualTo("videoplatform_" + database);
            assertThat(decoded(credentials, "database")).isEqualTo(database);
            assertThat(decoded(credentials, "host")).isEqualTo("127.0.0.1");
            assertThat(decoded(credentials, "password")).hasSize(43);
            Container container = deployment(name + "-" + service).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getEnv()).filteredOn(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .filteredOn(e -> e.getName().startsWith("QUARKUS_DATASOURCE_") || e.getName().startsWith("VP_POSTGRES_"))
                    .as("%s reads only its own Secret", service).hasSize(4)
                    .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName())
                            .isEqualTo(credentials.getMetadata().getName()));
            assertThat(env(container)).containsEntry("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "disable")
                    .containsEntry("QUARKUS_DATASOURCE_JDBC_URL",
                            "jdbc:postgresql://$(VP_POSTGRES_HOST):$(VP_POSTGRES_PORT)/" + database + "?sslmode=disable");
            try (Connection own = postgres.connect(database, "videoplatform_" + database)) {
                assertThat(own.isValid(2)).isTrue();
            }
        }
        assertThat(client.secrets().inNamespace(NAMESPACE).withName(name + "-comment-postgres").get())
                .as("comment-service has a Secret of its own").isNull();
        Container comment = deployment(name + "-comment").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(comment.getEnv()).filteredOn(e -> e.getName().equals("QUARKUS_DATASOURCE_PASSWORD")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("comment-db"));
        for (Deployment deployment : serviceObjects(Deployment.class, name)) {
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .as("no service sees the admin login")
                    .noneMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                            && e.getValueFrom().getSecretKeyRef().getName().equals("postgres-admin"));
        }
        assertThatThrownBy(() -> postgres.connect("videos", "videoplatform_users").close())
                .hasMessageContaining("permission denied for database \"videos\"");
        await().atMost(TIMEOUT).until(() -> eventReasons(name).contains("DatabasesProvisioned"));

        String password = decoded(client.secrets().inNamespace(NAMESPACE).withName(name + "-user-postgres").get(), "password");
        edit(name, spec -> spec.getImage().setTag("again"));
        awaitReconciled(name);
        assertThat(decoded(client.secrets().inNamespace(NAMESPACE).withName(name + "-user-postgres").get(), "password"))
                .as("made once").isEqualTo(password);
        assertThat(eventReasons(name)).as("the second reconcile provisions nothing").containsOnlyOnce("DatabasesProvisioned");
    }

    private static String decoded(Secret secret, String key) {
        return new String(java.util.Base64.getDecoder().decode(secret.getData().get(key)), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theBlobClaimIsOwnedOnlyWithDeleteClaimAndNeedsASharedVolumeClass() {
        String name = "keeper";
        create(name, spec -> { });
        VideoPlatform platform = awaitReconciled(name);
        String claimName = name + "-blobs";
        PersistentVolumeClaim kept = await().atMost(TIMEOUT)
                .until(() -> client.persistentVolumeClaims().inNamespace(NAMESPACE).withName(claimName).get(), c -> c != null);
        assertThat(kept.getMetadata().getOwnerReferences()).as("kept on delete by default").isEmpty();

        edit(name, spec -> spec.getStorage().getPvc().setDeleteClaim(true));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE)
                .withName(claimName).get().getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(platform.getMetadata().getUid())));
        edit(name, spec -> spec.getStorage().getPvc().setDeleteClaim(false));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE)
                .withName(claimName).get().getMetadata().getOwnerReferences()).isEmpty());
        PersistentVolumeClaim after = client.persistentVolumeClaims().inNamespace(NAMESPACE).withName(claimName).get();
        assertThat(after.getMetadata().getUid()).as("the same claim throughout").isEqualTo(kept.getMetadata().getUid());
        assertThat(after.getSpec()).isEqualTo(kept.getSpec());

        // A platform with the name of a deleted one takes its kept claim over, blobs and all.
        client.resources(VideoPlatform.class).inNamespace(NAMESPACE).withName(name).delete();
        await().atMost(TIMEOUT).until(() -> client.resources(VideoPlatform.class).inNamespace(NAMESPACE).withName(name).get() == null);
        create(name, spec -> spec.getStorage().getPvc().setDeleteClaim(true));
        VideoPlatform successor = awaitReconciled(name);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            PersistentVolumeClaim adopted = client.persistentVolumeClaims().inNamespace(NAMESPACE).withName(claimName).get();
            assertThat(adopted.getMetadata().getUid()).isEqualTo(kept.getMetadata().getUid());
            assertThat(adopted.getMetadata().getOwnerReferences()).extracting(r -> r.getUid())
                    .containsExactly(successor.getMetadata().getUid());
        });
    }

    @Test
    void aStorageClassWithoutSharedVolumesOrAMissingOneIsRefusedUntilTheSpecFitsIt() {
        String name = "blockstore";
        create(name, spec -> spec.getStorage().getPvc().setStorageClassName("gp3"));
        VideoPlatform platform = awaitStatus(name, s -> StatusAggregator.find(s, StatusAggregator.DEGRADED)
                .filter(c -> c.getMessage().contains("gp3")).isPresent());
        assertCondition(platform.getStatus(), StatusAggregator.RECONCILED, "False", "InvalidSpec");
        assertThat(StatusAggregator.find(platform.getStatus(), StatusAggregator.DEGRADED).orElseThrow().getMessage())
                .startsWith("spec.storage.pvc.storageClassName: StorageClass 'gp3' (provisioner ebs.csi.aws.com) "
                        + "offers no ReadWriteMany volumes");
        assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE).withName(name + "-blobs").get()).isNull();

        edit(name, spec -> spec.getStorage().getPvc().setStorageClassName("no-such-class"));
        platform = awaitStatus(name, s -> StatusAggregator.find(s, StatusAggregator.DEGRADED)
                .filter(c -> c.getMessage().contains("no-such-class")).isPresent());
        assertThat(StatusAggregator.find(platform.getStatus(), StatusAggregator.DEGRADED).orElseThrow().getMessage())
                .isEqualTo("spec.storage.pvc.storageClassName: StorageClass 'no-such-class' does not exist; name one "
                        + "that does, or set spec.storage.type s3");

        // No class named and no default one: nothing would ever bind the claim.
        client.storage().v1().storageClasses().withName("nfs-client").edit(storageClass -> {
            storageClass.getMetadata().getAnnotations().remove("storageclass.kubernetes.io/is-default-class");
            return storageClass;
        });
        try {
            edit(name, spec -> spec.getStorage().getPvc().setStorageClassName(null));
            platform = awaitStatus(name, s -> StatusAggregator.find(s, StatusAggregator.DEGRADED)
                    .filter(c -> c.getMessage().contains("no default StorageClass")).isPresent());
            assertThat(StatusAggregator.find(platform.getStatus(), StatusAggregator.DEGRADED).orElseThrow().getMessage())
                    .isEqualTo("spec.storage.pvc.storageClassName is unset and the cluster has no default StorageClass; "
                            + "name one, or set spec.storage.type s3");
        } finally {
            putStorageClasses();
        }

        // On a single node, block storage does: every pod mounting the claim runs there.
        edit(name, spec -> {
            spec.getStorage().getPvc().setStorageClassName("gp3");
            spec.getStorage().getPvc().setAccessMode(PvcStorageSpec.AccessMode.READ_WRITE_ONCE);
        });
        awaitReconciled(name);
        PersistentVolumeClaim claim = await().atMost(TIMEOUT)
                .until(() -> client.persistentVolumeClaims().inNamespace(NAMESPACE).withName(name + "-blobs").get(), c -> c != null);
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("gp3");

        // An operator that may not read StorageClasses cannot judge, and does not hold the platform back.
        server.expect().get().withPath("/apis/storage.k8s.io/v1/storageclasses/unreadable")
                .andReturn(403, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(403)
                        .withReason("Forbidden").build())
                .always();
        String restricted = "restricted";
        create(restricted, spec -> spec.getStorage().getPvc().setStorageClassName("unreadable"));
        awaitReconciled(restricted);
        assertThat(await().atMost(TIMEOUT).until(() -> client.persistentVolumeClaims().inNamespace(NAMESPACE)
                .withName(restricted + "-blobs").get(), c -> c != null).getSpec().getStorageClassName()).isEqualTo("unreadable");
    }

    @Test
    void smtpSettingsAndTheSiteUrlReachNotificationServiceWithCredentialsFromTheSecret() {
        String name = "mailing";
        create(name, spec -> {
            SmtpSpec smtp = new SmtpSpec();
            smtp.setHost("smtp.example.com");
            smtp.setPort(465);
            smtp.setTlsMode(SmtpSpec.TlsMode.TLS);
            smtp.setFrom("Videos <notifications@videos.example.com>");
            smtp.setSecretName("smtp-credentials");
            spec.getNotification().setSmtp(smtp);
            spec.getGateway().setHost("videos.example.com");
        });
        VideoPlatform platform = awaitStatus(name, s -> StatusAggregator.find(s, StatusAggregator.DEGRADED)
                .filter(c -> c.getMessage().contains("smtp-credentials")).isPresent());
        assertThat(StatusAggregator.find(platform.getStatus(), StatusAggregator.DEGRADED).orElseThrow().getMessage())
                .isEqualTo("spec.notification.smtp.secretName: Secret 'smtp-credentials' not found in namespace 'videos'");

        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("smtp-credentials").endMetadata()
                .withStringData(Map.of(SmtpSpec.USERNAME_KEY, "mailer", SmtpSpec.PASSWORD_KEY, "s3cret")).build()).create();
        edit(name, spec -> spec.getImage().setTag("with-smtp"));
        awaitReconciled(name);
        await().atMost(TIMEOUT).until(() -> serviceObjects(Deployment.class, name).size() == 10);

        List<EnvVar> env = deployment(name + "-notification").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).filteredOn(e -> e.getValue() != null).extracting(e -> e.getName() + "=" + e.getValue())
                .contains("QUARKUS_MAILER_HOST=smtp.example.com", "QUARKUS_MAILER_PORT=465",
                        "QUARKUS_MAILER_TLS=true", "QUARKUS_MAILER_START_TLS=DISABLED",
                        "VP_MAIL_FROM=Videos <notifications@videos.example.com>", "VP_SITE_URL=https://videos.example.com");
        assertThat(env).filteredOn(e -> e.getName().startsWith("QUARKUS_MAILER_"))
                .filteredOn(e -> e.getValueFrom() != null)
                .extracting(e -> e.getName() + "=" + e.getValueFrom().getSecretKeyRef().getName() + "/"
                        + e.getValueFrom().getSecretKeyRef().getKey())
                .containsExactlyInAnyOrder("QUARKUS_MAILER_USERNAME=smtp-credentials/username",
                        "QUARKUS_MAILER_PASSWORD=smtp-credentials/password");
        assertThat(env).as("the password is never a plain value").noneMatch(e -> "s3cret".equals(e.getValue()));
        Container search = deployment(name + "-search").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(search.getEnv()).noneMatch(e -> e.getName().startsWith("QUARKUS_MAILER_") || e.getName().equals("VP_SITE_URL"));
    }

    @Test
    void reconcileWithNothingToChangeWritesNothing() throws InterruptedException {
        // Its own namespace, so that no other test's platform can write in the window observed.
        String namespace = "quiet";
        String name = "steady";
        putConnectionSecrets(namespace);
        VideoPlatform platform = new VideoPlatform();
        platform.getMetadata().setName(name);
        platform.getMetadata().setNamespace(namespace);
        client.resource(platform).create();
        List<Deployment> deployments = await().atMost(TIMEOUT)
                .until(() -> client.apps().deployments().inNamespace(namespace).list().getItems(), l -> l.size() == 11);

        // What the Deployment controller would report: every service at its desired replicas.
        for (Deployment deployment : deployments) {
            deployment.setStatus(new DeploymentStatusBuilder().withReplicas(2).withReadyReplicas(2).build());
            client.apps().deployments().inNamespace(namespace).resource(deployment).updateStatus();
        }
        VideoPlatform ready = await().atMost(TIMEOUT).until(() -> client.resources(VideoPlatform.class)
                .inNamespace(namespace).withName(name).get(), p -> p.getStatus() != null
                        && p.getStatus().getPhase() == VideoPlatformStatus.Phase.Ready);
        assertCondition(ready.getStatus(), StatusAggregator.READY, "True", "AllServicesReady");
        assertThat(ready.getStatus().getServicesReady()).isEqualTo("10/10");
        await().atMost(TIMEOUT).until(() -> client.v1().events().inNamespace(namespace).list().getItems().stream()
                .anyMatch(e -> e.getReason().equals("PlatformReady")));

        drainRecordedRequests();
        int finishedBefore = reconciliations.finished(name);
        // A status-only change of a child, as controllers make all the time, makes the operator reconcile.
        Deployment search = client.apps().deployments().inNamespace(namespace).withName(name + "-search").get();
        search.getStatus().setObservedGeneration(7L);
        client.apps().deployments().inNamespace(namespace).resource(search).updateStatus();
        await().atMost(TIMEOUT).until(() -> reconciliations.finished(name) > finishedBefore);

        List<String> writes = drainRecordedRequests().stream()
                .filter(request -> request.startsWith("POST") || request.startsWith("PUT")
                        || request.startsWith("PATCH") || request.startsWith("DELETE"))
                .filter(request -> request.contains("/namespaces/" + namespace + "/"))
                .toList();
        assertThat(writes).as("writes during the reconcile (the first is the test's own trigger)")
                .containsExactly("PUT /apis/apps/v1/namespaces/quiet/deployments/steady-search/status");
    }

    @Test
    void aServiceMonitorScrapesEveryServiceOnceItsKindIsServedAndDegradesWithoutIt() {
        String name = "monitored";
        create(name, spec -> {
            spec.getMonitoring().getServiceMonitor().setEnabled(true);
            spec.getMonitoring().getServiceMonitor().getLabels().put("release", "prometheus");
        });
        // No Prometheus Operator in the cluster yet: the platform runs, the status says what is missing.
        VideoPlatform degraded = awaitStatus(name, status -> StatusAggregator.find(status, StatusAggregator.DEGRADED)
                .filter(c -> ReconcileOutcome.SERVICE_MONITOR_UNAVAILABLE.equals(c.getReason())).isPresent());
        assertCondition(degraded.getStatus(), StatusAggregator.RECONCILED, "False", ReconcileOutcome.SERVICE_MONITOR_UNAVAILABLE);
        assertThat(StatusAggregator.find(degraded.getStatus(), StatusAggregator.DEGRADED).orElseThrow().getMessage())
                .contains("spec.monitoring.serviceMonitor.enabled");
        await().atMost(TIMEOUT).until(() -> serviceObjects(Service.class, name).size() == 10);

        CustomResourceDefinition serviceMonitors = serviceMonitorCrd();
        client.resource(serviceMonitors).create();
        try {
            edit(name, spec -> spec.getMonitoring().getServiceMonitor().getLabels().put("team", "video"));
            awaitReconciled(name);
            ServiceMonitor monitor = await().atMost(TIMEOUT).until(() -> serviceMonitor(name + "-services"),
                    m -> m != null && "video".equals(m.getMetadata().getLabels().get("team")));
            assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus")
                    .containsEntry(PlatformObjects.LABEL_MANAGED_BY, PlatformObjects.MANAGED_BY);
            assertThat(monitor.getMetadata().getOwnerReferences()).extracting(r -> r.getName()).containsExactly(name);
            assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
                assertThat(endpoint.getPort()).isEqualTo(PlatformObjects.SERVICE_PORT_NAME);
                assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
            });
            Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
            List<Service> selected = listOf(Service.class, name).stream()
                    .filter(service -> service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .toList();
            assertThat(names(selected)).isEqualTo(names(serviceObjects(Service.class, name)));
            assertThat(selected).allSatisfy(service -> assertThat(service.getSpec().getPorts())
                    .extracting(port -> port.getName()).contains(PlatformObjects.SERVICE_PORT_NAME));

            edit(name, spec -> spec.getMonitoring().getServiceMonitor().setEnabled(false));
            await().atMost(TIMEOUT).until(() -> serviceMonitor(name + "-services") == null);
        } finally {
            client.resource(serviceMonitors).delete();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private List<String> drainRecordedRequests() throws InterruptedException {
        List<String> requests = new ArrayList<>();
        var mock = server.getKubernetesMockServer();
        for (var request = mock.takeRequest(200, TimeUnit.MILLISECONDS); request != null;
                request = mock.takeRequest(200, TimeUnit.MILLISECONDS)) {
            requests.add(request.getMethod() + " " + request.getPath());
        }
        return requests;
    }

    /** The cluster's default StorageClass, a shared-file one (the full sample names it). */
    private void putStorageClasses() {
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName("nfs-client")
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true").endMetadata()
                .withProvisioner("cluster.local/nfs-subdir-external-provisioner").build()).createOr(existing -> existing.update());
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName("gp3")
                .endMetadata().withProvisioner("ebs.csi.aws.com").build()).createOr(existing -> existing.update());
    }

    private List<KafkaTopic> kafkaTopics(String platform) {
        return client.resources(KafkaTopic.class).inNamespace(KAFKA_NAMESPACE)
                .withLabel(PlatformObjects.LABEL_INSTANCE, platform).list().getItems();
    }

    /** A KafkaTopic status as Strimzi's topic operator writes it. */
    private static KafkaTopicStatus strimziStatus(String ready, Long generation) {
        KafkaTopicStatus status = new KafkaTopicStatus();
        status.setObservedGeneration(generation);
        status.setConditions(List.of(new ConditionBuilder().withType("Ready")
                .withStatus(ready)
                .withReason("True".equals(ready) ? null : "KafkaError")
                .withMessage("True".equals(ready) ? null : "replication factor 3 larger than 1 available brokers")
                .build()));
        return status;
    }

    private Ingress ingress(String platform) {
        return client.network().v1().ingresses().inNamespace(NAMESPACE).withName(platform + "-gateway").get();
    }

    private Container container(String deployment) {
        return deployment(deployment).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private void putConnectionSecrets(String namespace) {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                .withName("videoplatform-postgres").endMetadata()
                .withStringData(Map.of("host", "pg", "port", "5432", "username", "videos", "password", "secret"))
                .build()).createOr(existing -> existing.update());
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                .withName("videoplatform-redis").endMetadata()
                .withStringData(Map.of("url", "redis://redis:6379")).build()).createOr(existing -> existing.update());
    }

    private void create(String name, Consumer<VideoPlatformSpec> customize) {
        VideoPlatform platform = new VideoPlatform();
        platform.getMetadata().setName(name);
        platform.getMetadata().setNamespace(NAMESPACE);
        customize.accept(platform.getSpec());
        client.resource(platform).create();
    }

    private VideoPlatform edit(String name, Consumer<VideoPlatformSpec> change) {
        return client.resources(VideoPlatform.class).inNamespace(NAMESPACE).withName(name).edit(platform -> {
            change.accept(platform.getSpec());
            return platform;
        });
    }

    private VideoPlatform awaitReconciled(String name) {
        return awaitStatus(name, status -> {
            VideoPlatform current = client.resources(VideoPlatform.class).inNamespace(NAMESPACE).withName(name).get();
            return status.getObservedGeneration().equals(current.getMetadata().getGeneration())
                    && StatusAggregator.find(status, StatusAggregator.RECONCILED)
                            .filter(c -> "True".equals(c.getStatus())).isPresent();
        });
    }

    private VideoPlatform awaitStatus(String name, java.util.function.Predicate<VideoPlatformStatus> condition) {
        return await().atMost(TIMEOUT).until(
                () -> client.resources(VideoPlatform.class).inNamespace(NAMESPACE).withName(name).get(),
                platform -> platform != null && platform.getStatus() != null && condition.test(platform.getStatus()));
    }

    private <T extends HasMetadata> List<T> listOf(Class<T> type, String platform) {
        return client.resources(type).inNamespace(NAMESPACE).withLabel(PlatformObjects.LABEL_INSTANCE, platform)
                .list().getItems();
    }

    /** The services' objects of a platform (not the gateway's). */
    private <T extends HasMetadata> List<T> serviceObjects(Class<T> type, String platform) {
        return listOf(type, platform).stream().filter(PlatformObjects::isServiceObject).toList();
    }

    private ServiceMonitor serviceMonitor(String name) {
        return client.resources(ServiceMonitor.class).inNamespace(NAMESPACE).withName(name).get();
    }

    /** The Prometheus Operator's CRD as far as API discovery is concerned: group, version, kind. */
    private static CustomResourceDefinition serviceMonitorCrd() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("servicemonitors.monitoring.coreos.com").endMetadata()
                .withNewSpec()
                .withGroup("monitoring.coreos.com")
                .withScope("Namespaced")
                .withNewNames().withKind("ServiceMonitor").withPlural("servicemonitors").withSingular("servicemonitor")
                .endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema()
                .endVersion()
                .endSpec()
                .build();
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
    }

    private String configHash(String deployment) {
        return deployment(deployment).getSpec().getTemplate().getMetadata().getAnnotations()
                .get(ServiceDeploymentDependentResource.CONFIG_HASH_ANNOTATION);
    }

    private List<String> eventReasons(String platform) {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> platform.equals(e.getInvolvedObject().getName()))
                .map(Event::getReason)
                .toList();
    }

    private static void assertCondition(VideoPlatformStatus status, String type, String value, String reason) {
        Condition condition = StatusAggregator.find(status, type).orElseThrow();
        assertThat(condition.getStatus()).as(type).isEqualTo(value);
        assertThat(condition.getReason()).as(type + " reason").isEqualTo(reason);
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue, (a, b) -> b));
    }

    private static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).sorted().toList();
    }

    private static <T extends HasMetadata> T byName(List<T> objects, String name) {
        return objects.stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }
}
