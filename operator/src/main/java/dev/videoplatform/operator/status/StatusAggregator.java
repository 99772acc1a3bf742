package dev.videoplatform.operator.status;

import dev.videoplatform.operator.catalog.PlatformService;
import dev.videoplatform.operator.crd.ServiceSpec;
import dev.videoplatform.operator.crd.ServiceStatus;
import dev.videoplatform.operator.crd.VideoPlatform;
import dev.videoplatform.operator.crd.VideoPlatformStatus;
import dev.videoplatform.operator.dependent.PlatformObjects;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the whole status from the reconcile outcome and the Deployments' own status, the way
 * Strimzi does: conditions Ready, Reconciled and Degraded, each with the generation it describes. A
 * condition keeps its lastTransitionTime while its status stays the same, so an unchanged platform
 * yields an identical status and the reconciler writes nothing.
 */
public final class StatusAggregator {

    public static final String READY = "Ready";
    public static final String RECONCILED = "Reconciled";
    public static final String DEGRADED = "Degraded";

    private StatusAggregator() {
    }

    public static VideoPlatformStatus aggregate(VideoPlatform platform, Collection<Deployment> deployments,
            Collection<Pod> pods, ReconcileOutcome outcome, Instant now) {
        long generation = platform.getMetadata().getGeneration() != null ? platform.getMetadata().getGeneration() : 0L;
        Map<String, Deployment> byName = deployments.stream()
                .collect(Collectors.toMap(d -> d.getMetadata().getName(), Function.identity(), (a, b) -> a));

        List<ServiceStatus> services = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            if (platform.getSpec().serviceSpec(service).isEnabled()) {
                Deployment deployment = byName.get(PlatformObjects.serviceObjectName(platform, service));
                services.add(serviceStatus(service, platform.getSpec().serviceSpec(service), deployment));
            }
        }
        services.sort(Comparator.comparing(ServiceStatus::getName));
        List<String> notReady = services.stream()
                .filter(s -> s.getReadyReplicas() < s.getDesiredReplicas())
                .map(s -> s.getName() + " (" + s.getReadyReplicas() + "/" + s.getDesiredReplicas()
                        + problems(platform, s.getName(), pods) + ")")
                .toList();
        String servicesReady = (services.size() - notReady.size()) + "/" + services.size();

        Optional<VideoPlatformStatus> previous = Optional.ofNullable(platform.getStatus());
        List<Condition> conditions = new ArrayList<>();
        boolean ready = outcome.reconciled() && notReady.isEmpty();
        String readyReason;
        String readyMessage;
        if (!outcome.reconciled()) {
            readyReason = "NotReconciled";
            readyMessage = "The spec is not applied: " + outcome.message();
        } else if (ready) {
            readyReason = "AllServicesReady";
            readyMessage = servicesReady + " services ready";
        } else {
            readyReason = "ServicesNotReady";
            readyMessage = "Waiting for " + String.join(", ", notReady);
        }
        conditions.add(condition(previous, READY, ready, readyReason, readyMessage, generation, now));
        conditions.add(condition(previous, RECONCILED, outcome.reconciled(), outcome.reason(), outcome.message(),
                generation, now));
        conditions.add(condition(previous, DEGRADED, !outcome.reconciled(),
                outcome.reconciled() ? "AsExpected" : outcome.reason(),
                outcome.reconciled() ? "No problem found" : outcome.message(), generation, now));

        VideoPlatformStatus status = new VideoPlatformStatus();
        status.setObservedGeneration(generation);
        status.setPhase(!outcome.reconciled() ? VideoPlatformStatus.Phase.Degraded
                : ready ? VideoPlatformStatus.Phase.Ready : VideoPlatformStatus.Phase.Progressing);
        status.setConditions(conditions);
        status.setServicesReady(servicesReady);
        status.setServices(services);
        return status;
    }

    /** What keeps a service's pods from being ready when they say so, e.g. ", user: CrashLoopBackOff (exit code 1): …". */
    private static String problems(VideoPlatform platform, String service, Collection<Pod> pods) {
        List<Pod> own = pods.stream().filter(pod -> {
            Map<String, String> labels = pod.getMetadata().getLabels();
            return labels != null && service.equals(labels.get(PlatformObjects.LABEL_NAME))
                    && platform.getMetadata().getName().equals(labels.get(PlatformObjects.LABEL_INSTANCE));
        }).toList();
        List<String> problems = PodProblems.of(own);
        return problems.isEmpty() ? "" : ", " + String.join("; ", problems);
    }

    public static Optional<Condition> find(VideoPlatformStatus status, String type) {
        if (status == null || status.getConditions() == null) {
            return Optional.empty();
        }
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static ServiceStatus serviceStatus(PlatformService service, ServiceSpec spec, Deployment deployment) {
        // Until the Deployment exists, or while it leaves replicas to the autoscaler, the spec says what is wanted.
        int fromSpec = spec.getAutoscaling().isEnabled() ? spec.getAutoscaling().getMinReplicas() : spec.getReplicas();
        if (deployment == null) {
            return new ServiceStatus(service.serviceName(), fromSpec, 0);
        }
        int desired = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(fromSpec);
        int ready = deployment.getStatus() != null && deployment.getStatus().getReadyReplicas() != null
                ? deployment.getStatus().getReadyReplicas() : 0;
        return new ServiceStatus(service.serviceName(), desired, ready);
    }

    static Condition condition(Optional<VideoPlatformStatus> previous, String type, boolean isTrue,
            String reason, String message, long generation, Instant now) {
        String status = isTrue ? "True" : "False";
        String lastTransition = previous.flatMap(p -> find(p, type))
                .filter(c -> status.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        return new ConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(lastTransition)
                .build();
    }
}
