package dev.videoplatform.operator.dependent;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Secrets a pod reads (secretKeyRefs, secret volumes) and a hash of their contents. Environment
 * variables and most files are read once at start-up, so the hash goes on the pod template and a
 * changed password or key rolls the pods. Secrets the operator did not make are labelled
 * {@link #WATCHED_LABEL} so that its Secret informer, which sees only labelled ones, notices the change
 * (the Keycloak operator does the same); the operator's own Secrets are watched by their dependents.
 */
public final class ReferencedSecrets {

    public static final String WATCHED_LABEL = "videoplatform.dev/watched-secret";
    public static final String WATCHED_SELECTOR = WATCHED_LABEL + "=true";
    public static final String HASH_ANNOTATION = "videoplatform.dev/secrets-hash";

    private ReferencedSecrets() {
    }

    public static SortedSet<String> of(PodSpec pod) {
        SortedSet<String> names = new TreeSet<>();
        pod.getContainers().forEach(container -> {
            for (EnvVar variable : container.getEnv()) {
                if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                    names.add(variable.getValueFrom().getSecretKeyRef().getName());
                }
            }
            container.getEnvFrom().stream().filter(from -> from.getSecretRef() != null)
                    .forEach(from -> names.add(from.getSecretRef().getName()));
        });
        pod.getVolumes().stream().filter(volume -> volume.getSecret() != null)
                .forEach(volume -> names.add(volume.getSecret().getSecretName()));
        return names;
    }

    /**
     * SHA-256 of the named Secrets' data; {@code read} holds the Secrets read during this reconcile,
     * so that ten Deployments cost one read per Secret. A missing Secret counts as empty.
     */
    public static String hash(KubernetesClient client, String namespace, SortedSet<String> names, Map<String, Secret> read) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : names) {
                Secret secret = read.computeIfAbsent(name, n -> client.secrets().inNamespace(namespace).withName(n).get());
                digest.update((name + "\n").getBytes(StandardCharsets.UTF_8));
                Map<String, String> data = new TreeMap<>();
                if (secret != null) {
                    data.putAll(Objects.requireNonNullElse(secret.getData(), Map.of()));
                    data.putAll(Objects.requireNonNullElse(secret.getStringData(), Map.of()));
                }
                data.forEach((key, value) -> digest.update((key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8)));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static final String WATCH_PATCH = "{\"metadata\":{\"labels\":{\"" + WATCHED_LABEL + "\":\"true\"}}}";

    /** Labels the Secrets read this reconcile that nobody watches yet (not the operator's own, which are). */
    public static void watch(KubernetesClient client, Map<String, Secret> read) {
        read.values().stream().filter(Objects::nonNull).filter(secret -> {
            Map<String, String> labels = Objects.requireNonNullElse(secret.getMetadata().getLabels(), Map.of());
            return !PlatformObjects.MANAGED_BY.equals(labels.get(PlatformObjects.LABEL_MANAGED_BY))
                    && !"true".equals(labels.get(WATCHED_LABEL));
        // A merge patch of the label alone, without the resourceVersion: the owner's own edits to
        // the Secret never make it conflict.
        }).forEach(secret -> client.secrets().inNamespace(secret.getMetadata().getNamespace())
                .withName(secret.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), WATCH_PATCH));
    }
}
