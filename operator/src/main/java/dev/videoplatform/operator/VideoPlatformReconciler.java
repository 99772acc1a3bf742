package dev.videoplatform.operator;

import dev.videoplatform.operator.catalog.TopicSettings;
import dev.videoplatform.operator.crd.KafkaSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import dev.videoplatform.operator.crd.VideoPlatformStatus;
import dev.videoplatform.operator.dependent.BlobClaimDependentResource;
import dev.videoplatform.operator.dependent.DatabaseCredentialsSecretDependentResource;
import dev.videoplatform.operator.dependent.HorizontalPodAutoscalerDependentResource;
import dev.videoplatform.operator.dependent.GatewayConfigMapDependentResource;
import dev.videoplatform.operator.dependent.GatewayDeploymentDependentResource;
import dev.videoplatform.operator.dependent.GatewayEnabledCondition;
import dev.videoplatform.operator.dependent.GatewayIngressCondition;
import dev.videoplatform.operator.dependent.GatewayIngressDependentResource;
import dev.videoplatform.operator.dependent.GatewayServiceDependentResource;
import dev.videoplatform.operator.dependent.JwtSigningKeySecretDependentResource;
import dev.videoplatform.operator.dependent.KafkaTopicDependentResource;
import dev.videoplatform.operator.dependent.NetworkPolicyDependentResource;
import dev.videoplatform.operator.dependent.PlatformKeysSecretDependentResource;
import dev.videoplatform.operator.dependent.PlatformObjects;
import dev.videoplatform.operator.dependent.PodDisruptionBudgetDependentResource;
import dev.videoplatform.operator.dependent.PvcStorageCondition;
import dev.videoplatform.operator.dependent.ReferencedSecrets;
import dev.videoplatform.operator.dependent.ServiceDependentResource;
import dev.videoplatform.operator.dependent.ServiceDeploymentDependentResource;
import dev.videoplatform.operator.dependent.ServiceMonitorApiCondition;
import dev.videoplatform.operator.dependent.ServiceMonitorDependentResource;
import dev.videoplatform.operator.dependent.ServiceMonitorEnabledCondition;
import dev.videoplatform.operator.dependent.SharedConfigMapDependentResource;
import dev.videoplatform.operator.dependent.StrimziTopicModeCondition;
import dev.videoplatform.operator.kafka.KafkaAdminTopicProvisioner;
import dev.videoplatform.operator.kafka.KafkaTopicProvisioningException;
import dev.videoplatform.operator.postgres.PlatformDatabases;
import dev.videoplatform.operator.prometheus.ServiceMonitor;
import dev.videoplatform.operator.status.KafkaTopicReadiness;
import dev.videoplatform.operator.status.ReconcileOutcome;
import dev.videoplatform.operator.status.StatusAggregator;
import dev.videoplatform.operator.strimzi.KafkaTopic;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.quarkiverse.operatorsdk.annotations.RBACVerbs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Reconciles a VideoPlatform. The workflow lists one dependent per kind; it runs only once the spec
 * passed the operator's own checks, so an invalid spec leaves the running platform untouched and is
 * reported in the conditions instead of failing (and retrying) forever.
 */
@ControllerConfiguration(name = VideoPlatformReconciler.NAME)
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = "config", type = SharedConfigMapDependentResource.class),
        @Dependent(name = "jwt-signing-key", type = JwtSigningKeySecretDependentResource.class),
        @Dependent(name = "platform-keys", type = PlatformKeysSecretDependentResource.class),
        @Dependent(name = "blob-claim", type = BlobClaimDependentResource.class,
                activationCondition = PvcStorageCondition.class),
        @Dependent(name = "database-credentials", type = DatabaseCredentialsSecretDependentResource.class),
        @Dependent(name = "deployments", type = ServiceDeploymentDependentResource.class,
                dependsOn = {"config", "jwt-signing-key", "platform-keys", "database-credentials"}),
        @Dependent(name = "services", type = ServiceDependentResource.class),
        @Dependent(name = "autoscalers", type = HorizontalPodAutoscalerDependentResource.class,
                dependsOn = "deployments"),
        @Dependent(name = "disruption-budgets", type = PodDisruptionBudgetDependentResource.class),
        @Dependent(name = "network-policies", type = NetworkPolicyDependentResource.class),
        @Dependent(name = "kafka-topics", type = KafkaTopicDependentResource.class,
                activationCondition = StrimziTopicModeCondition.class),
        @Dependent(name = "gateway-config", type = GatewayConfigMapDependentResource.class,
                reconcilePrecondition = GatewayEnabledCondition.class),
        @Dependent(name = "gateway-deployment", type = GatewayDeploymentDependentResource.class,
                reconcilePrecondition = GatewayEnabledCondition.class, dependsOn = "gateway-config"),
        @Dependent(name = "gateway-service", type = GatewayServiceDependentResource.class,
                reconcilePrecondition = GatewayEnabledCondition.class),
        @Dependent(name = "gateway-ingress", type = GatewayIngressDependentResource.class,
                reconcilePrecondition = GatewayIngressCondition.class),
        @Dependent(name = "service-monitor", type = ServiceMonitorDependentResource.class,
                activationCondition = ServiceMonitorApiCondition.class,
                reconcilePrecondition = ServiceMonitorEnabledCondition.class),
})
@RBACRule(apiGroups = "", resources = "events", verbs = { RBACVerbs.CREATE })
// The services' pods are read (never written) to say why they are not ready.
@RBACRule(apiGroups = "", resources = "pods", verbs = { RBACVerbs.GET, RBACVerbs.LIST, RBACVerbs.WATCH })
// Leases (leader election) are granted by a Role in the operator's own namespace only: application.properties.
// The blob claim's StorageClass is checked before the claim is made (SharedVolumeCheck).
@RBACRule(apiGroups = "storage.k8s.io", resources = "storageclasses", verbs = { RBACVerbs.GET, RBACVerbs.LIST })
public class VideoPlatformReconciler implements Reconciler<VideoPlatform> {

    public static final String NAME = "videoplatform";

    /** A spec the operator refused is looked at again this often: a missing Secret may appear meanwhile. */
    static final Duration RECHECK_INVALID_SPEC = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(VideoPlatformReconciler.class);

    private final SpecValidator validator;
    private final KafkaAdminTopicProvisioner kafkaAdmin;
    private final PlatformDatabases databases;
    private final PlatformEvents events;

    VideoPlatformReconciler(SpecValidator validator, KafkaAdminTopicProvisioner kafkaAdmin, PlatformDatabases databases,
            PlatformEvents events) {
        this.validator = validator;
        this.kafkaAdmin = kafkaAdmin;
        this.databases = databases;
        this.events = events;
    }

    @Override
    public UpdateControl<VideoPlatform> reconcile(VideoPlatform platform, Context<VideoPlatform> context) {
        ReconcileOutcome outcome;
        List<String> problems = new ArrayList<>(validator.problems(platform, context.getClient()));
        var configuration = context.getControllerConfiguration();
        KafkaTopicDependentResource.unwatchedTopicNamespace(platform,
                configuration.getInformerConfig().getEffectiveNamespaces(configuration)).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            outcome = ReconcileOutcome.failed(ReconcileOutcome.INVALID_SPEC, String.join("; ", problems));
        } else {
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            outcome = databases.ensure(platform, context.getClient());
            if (outcome.reconciled()) {
                outcome = provisionAdminTopics(platform);
            }
            if (outcome.reconciled()) {
                outcome = checkServiceMonitorApi(platform, context);
            }
        }
        UpdateControl<VideoPlatform> control = statusUpdate(platform, context, outcome)
                .map(UpdateControl::patchStatus)
                .orElseGet(UpdateControl::noUpdate);
        return outcome.reconciled() ? control : control.rescheduleAfter(RECHECK_INVALID_SPEC);
    }

    /**
     * Two watches besides the dependents': the services' pods (found by their labels, as a pod's owner
     * is a ReplicaSet), so that the Ready condition says why they are not ready as soon as they fail;
     * and the engineer's Secrets the services read, so that a changed one rolls the pods.
     */
    @Override
    public List<EventSource<?, VideoPlatform>> prepareEventSources(EventSourceContext<VideoPlatform> context) {
        var pods = InformerEventSourceConfiguration.from(Pod.class, VideoPlatform.class)
                .withName("service-pods")
                .withLabelSelector(PlatformObjects.SERVICE_OBJECTS_SELECTOR)
                .withSecondaryToPrimaryMapper(pod -> Set.of(new ResourceID(
                        pod.getMetadata().getLabels().get(PlatformObjects.LABEL_INSTANCE), pod.getMetadata().getNamespace())))
                .build();
        // Labelled by ReferencedSecrets; a change concerns the platforms of the Secret's namespace.
        var secrets = InformerEventSourceConfiguration.from(Secret.class, VideoPlatform.class)
                .withName("watched-secrets")
                .withLabelSelector(ReferencedSecrets.WATCHED_SELECTOR)
                .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache()
                        .list(secret.getMetadata().getNamespace()).map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build();
        return List.of(new InformerEventSource<>(pods, context), new InformerEventSource<>(secrets, context));
    }

    @Override
    public ErrorStatusUpdateControl<VideoPlatform> updateErrorStatus(VideoPlatform platform,
            Context<VideoPlatform> context, Exception e) {
        LOG.warnf(e, "Reconciling VideoPlatform %s/%s failed", platform.getMetadata().getNamespace(),
                platform.getMetadata().getName());
        ReconcileOutcome outcome = ReconcileOutcome.failed(ReconcileOutcome.RECONCILE_FAILED, rootMessage(e));
        // The default retry (with back-off) stays in charge; this only makes the failure visible.
        return statusUpdate(platform, context, outcome)
                .map(ErrorStatusUpdateControl::patchStatus)
                .orElseGet(ErrorStatusUpdateControl::noStatusUpdate);
    }

    private ReconcileOutcome provisionAdminTopics(VideoPlatform platform) {
        KafkaSpec kafka = platform.getSpec().getKafka();
        if (kafka.getTopicMode() != KafkaSpec.TopicMode.ADMIN) {
            return ReconcileOutcome.success();
        }
        try {
            KafkaAdminTopicProvisioner.Changes changes =
                    kafkaAdmin.ensureTopics(kafka.getBootstrapServers(), TopicSettings.resolve(kafka));
            if (!changes.none()) {
                events.record(platform, PlatformEvents.NORMAL, "KafkaTopicsUpdated",
                        "Created " + changes.created().size() + ", repartitioned " + changes.repartitioned().size()
                                + ", reconfigured " + changes.reconfigured().size() + " topics with the AdminClient");
            }
            return ReconcileOutcome.success();
        } catch (KafkaTopicProvisioningException e) {
            return ReconcileOutcome.failed(ReconcileOutcome.KAFKA_TOPICS_FAILED,
                    "Kafka topics at " + kafka.getBootstrapServers() + " not provisioned: " + e.getMessage());
        }
    }

    /**
     * A ServiceMonitor asked for where the cluster has no such kind: everything else is reconciled,
     * the status says what is missing, and the next check comes with {@link #RECHECK_INVALID_SPEC}.
     */
    private static ReconcileOutcome checkServiceMonitorApi(VideoPlatform platform, Context<VideoPlatform> context) {
        if (!platform.getSpec().getMonitoring().getServiceMonitor().isEnabled() || ServiceMonitor.served(context.getClient())) {
            return ReconcileOutcome.success();
        }
        return ReconcileOutcome.failed(ReconcileOutcome.SERVICE_MONITOR_UNAVAILABLE,
                "spec.monitoring.serviceMonitor.enabled, but the cluster serves no monitoring.coreos.com/v1 "
                        + "ServiceMonitor: install the Prometheus Operator's CRDs, or disable it");
    }

    /** The new status, or empty when it equals the current one (so that nothing is written). */
    private Optional<VideoPlatform> statusUpdate(VideoPlatform platform, Context<VideoPlatform> context,
            ReconcileOutcome outcome) {
        List<Deployment> deployments = context.getSecondaryResources(Deployment.class).stream()
                .filter(PlatformObjects::isServiceObject).toList();
        VideoPlatformStatus previous = platform.getStatus();
        Instant now = Instant.now();
        VideoPlatformStatus next = StatusAggregator.aggregate(platform, deployments,
                context.getSecondaryResources(Pod.class), outcome, now);
        if (outcome.reconciled() && platform.getSpec().getKafka().getTopicMode() == KafkaSpec.TopicMode.STRIMZI) {
            // Only after a reconciled workflow: that is what registers the KafkaTopic informer.
            next.getConditions().add(KafkaTopicReadiness.condition(previous, context.getSecondaryResources(KafkaTopic.class),
                    next.getObservedGeneration(), now));
        }
        var serialization = context.getClient().getKubernetesSerialization();
        if (previous != null && Objects.equals(serialization.asJson(previous), serialization.asJson(next))) {
            return Optional.empty();
        }
        recordTransitions(platform, previous, next);
        platform.setStatus(next);
        return Optional.of(platform);
    }

    private void recordTransitions(VideoPlatform platform, VideoPlatformStatus previous, VideoPlatformStatus next) {
        Condition degraded = StatusAggregator.find(next, StatusAggregator.DEGRADED).orElseThrow();
        Optional<Condition> wasDegraded = StatusAggregator.find(previous, StatusAggregator.DEGRADED);
        boolean newProblem = "True".equals(degraded.getStatus()) && wasDegraded
                .map(c -> !"True".equals(c.getStatus()) || !Objects.equals(c.getMessage(), degraded.getMessage()))
                .orElse(true);
        if (newProblem) {
            events.record(platform, PlatformEvents.WARNING, degraded.getReason(), degraded.getMessage());
        }
        Condition ready = StatusAggregator.find(next, StatusAggregator.READY).orElseThrow();
        boolean becameReady = "True".equals(ready.getStatus()) && !StatusAggregator.find(previous, StatusAggregator.READY)
                .map(c -> "True".equals(c.getStatus())).orElse(false);
        if (becameReady) {
            events.record(platform, PlatformEvents.NORMAL, "PlatformReady", ready.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
