package dev.videoplatform.operator.manifests;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Arrays;
import java.util.List;

/** Parses multi-document YAML (rendered charts, generated manifests) into Kubernetes objects. */
final class Manifests {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    static List<GenericKubernetesResource> parse(String yaml) {
        return Arrays.stream(yaml.split("(?m)^---\\s*$"))
                .filter(document -> document.lines().anyMatch(line -> line.startsWith("kind:")))
                .map(document -> SERIALIZATION.unmarshal(document, GenericKubernetesResource.class))
                .toList();
    }

    static GenericKubernetesResource only(List<GenericKubernetesResource> objects, String kind) {
        List<GenericKubernetesResource> ofKind = objects.stream().filter(o -> kind.equals(o.getKind())).toList();
        if (ofKind.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + ofKind.size());
        }
        return ofKind.get(0);
    }

    static <T> T as(GenericKubernetesResource object, Class<T> type) {
        return SERIALIZATION.convertValue(object, type);
    }
}
