package dev.videoplatform.operator.dependent;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environment of a service container: the operator's variables, then the CR author's
 * {@code spec.services.<name>.env}. A name appears once, because server-side apply refuses a
 * container with duplicate names (env is a list keyed by name).
 */
public final class ContainerEnv {

    private ContainerEnv() {
    }

    /**
     * The operator's variables followed by the author's, one per name: a later definition replaces an
     * earlier one and takes its place in the order (as Kubernetes itself lets the last one win, and
     * so that a {@code $(VAR)} after it sees the value that wins).
     */
    public static List<EnvVar> merge(List<EnvVar> operatorEnv, List<EnvVar> authorEnv) {
        Map<String, EnvVar> byName = new LinkedHashMap<>();
        for (EnvVar variable : concat(operatorEnv, authorEnv)) {
            byName.remove(variable.getName());
            byName.put(variable.getName(), variable);
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * Names the operator reads from Secrets (credentials, the platform's keys): the author's env must
     * not replace them, or a CR edit could swap a service's identity key or database password for a
     * plain value.
     */
    public static Set<String> secretBacked(List<EnvVar> operatorEnv) {
        Set<String> names = new TreeSet<>();
        for (EnvVar variable : operatorEnv) {
            if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                names.add(variable.getName());
            }
        }
        return names;
    }

    private static List<EnvVar> concat(List<EnvVar> first, List<EnvVar> second) {
        List<EnvVar> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
