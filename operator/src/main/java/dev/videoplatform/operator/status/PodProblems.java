package dev.videoplatform.operator.status;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why the pods of a service are not ready, read from the pods themselves as the Keycloak operator
 * does: an unschedulable pod, a container waiting on its image, or one crash-looping with its last
 * termination message. The text goes into the Ready condition, so it must be stable between
 * reconciles (no counts or times) and short.
 */
public final class PodProblems {

    /** Waiting reasons that need a human: the image, the container's config, a crash loop. */
    static final Set<String> STUCK_REASONS = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError", "RunContainerError");
    static final int MAX_DETAIL = 200;

    private PodProblems() {
    }

    /** The distinct problems of these pods, sorted; empty when they are merely starting. */
    public static List<String> of(Collection<Pod> pods) {
        Set<String> problems = new TreeSet<>();
        for (Pod pod : pods) {
            unschedulable(pod).ifPresent(problems::add);
            List<ContainerStatus> statuses = new ArrayList<>();
            if (pod.getStatus() != null) {
                statuses.addAll(pod.getStatus().getInitContainerStatuses());
                statuses.addAll(pod.getStatus().getContainerStatuses());
            }
            for (ContainerStatus container : statuses) {
                stuck(container).ifPresent(problems::add);
            }
        }
        return List.copyOf(problems);
    }

    private static Optional<String> unschedulable(Pod pod) {
        if (pod.getStatus() == null || !"Pending".equals(pod.getStatus().getPhase())) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .findFirst()
                .map(c -> "Pending (" + Optional.ofNullable(c.getReason()).orElse("Unschedulable") + ")"
                        + detail(c));
    }

    private static String detail(PodCondition condition) {
        return condition.getMessage() != null && !condition.getMessage().isBlank()
                ? ": " + shorten(condition.getMessage()) : "";
    }

    private static Optional<String> stuck(ContainerStatus container) {
        ContainerState state = container.getState();
        if (state == null || state.getWaiting() == null || !STUCK_REASONS.contains(state.getWaiting().getReason())) {
            return Optional.empty();
        }
        String reason = state.getWaiting().getReason();
        StringBuilder text = new StringBuilder(container.getName()).append(": ").append(reason);
        ContainerStateTerminated last = container.getLastState() != null ? container.getLastState().getTerminated() : null;
        if ("CrashLoopBackOff".equals(reason) && last != null) {
            // What the process said last (its termination message, or the log tail with
            // FallbackToLogsOnError) says more than the back-off message.
            text.append(" (exit code ").append(last.getExitCode()).append(")");
            if (last.getMessage() != null && !last.getMessage().isBlank()) {
                text.append(": ").append(shorten(last.getMessage()));
            } else if (last.getReason() != null) {
                text.append(": ").append(last.getReason());
            }
        } else if (state.getWaiting().getMessage() != null && !state.getWaiting().getMessage().isBlank()) {
            text.append(": ").append(shorten(state.getWaiting().getMessage()));
        }
        return Optional.of(text.toString());
    }

    private static String shorten(String message) {
        String oneLine = message.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "…";
    }
}
