package dev.videoplatform.operator.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed CRD and operator manifests must be what the build generates from the Java model
 * (the Quarkus Operator SDK writes them to target/kubernetes/ when the jar is packaged, hence an
 * integration test). On failure, run {@code make k8s}; the chart's rules (helpers) are kept equal
 * by hand.
 */
class GeneratedManifestsIT {

    static final Path GENERATED = Path.of("target/kubernetes");
    static final String CRD = "videoplatforms.videoplatform.dev-v1.yml";

    @Test
    void committedCrdsAreTheGeneratedOne() throws IOException {
        String generated = Files.readString(GENERATED.resolve(CRD));
        assertThat(Files.readString(Path.of("../k8s/crd", CRD))).as("k8s/crd/" + CRD + " (run make k8s)")
                .isEqualTo(generated);
        assertThat(Files.readString(Path.of("../helm/videoplatform-operator/crds", CRD)))
                .as("helm/videoplatform-operator/crds/" + CRD + " (run make k8s)").isEqualTo(generated);
    }

    @Test
    void committedOperatorManifestsAreTheGeneratedOnes() throws IOException {
        // compared as objects: the generator's order of labels varies from build to build
        assertThat(Manifests.parse(Files.readString(Path.of("../k8s/operator/operator.yaml"))))
                .as("k8s/operator/operator.yaml (run make k8s)")
                .isEqualTo(Manifests.parse(Files.readString(GENERATED.resolve("kubernetes.yml"))));
    }

    @Test
    void chartGrantsExactlyTheGeneratedPermissions() throws IOException {
        List<GenericKubernetesResource> generatedObjects = Manifests.parse(Files.readString(GENERATED.resolve("kubernetes.yml")));
        ClusterRole generated = Manifests.as(Manifests.only(generatedObjects, "ClusterRole"), ClusterRole.class);
        Role generatedLease = Manifests.as(Manifests.only(generatedObjects, "Role"), Role.class);
        // Namespaced by default: QOSDK binds its rules in the operator's namespace only.
        assertThat(generatedObjects).extracting(GenericKubernetesResource::getKind).doesNotContain("ClusterRoleBinding");

        List<GenericKubernetesResource> namespaced = Manifests.parse(
                new Helm(HelmChartTest.CHART).template().withName("vp").withNamespace("operators").call());
        Role chartRole = Manifests.as(namespaced.stream().filter(o -> o.getKind().equals("Role")
                && o.getMetadata().getName().equals("vp-videoplatform-operator")).findFirst().orElseThrow(), Role.class);
        Role chartLease = Manifests.as(namespaced.stream().filter(o -> o.getKind().equals("Role")
                && o.getMetadata().getName().endsWith("-leader-election")).findFirst().orElseThrow(), Role.class);
        List<GenericKubernetesResource> clusterWide = Manifests.parse(new Helm(HelmChartTest.CHART).template()
                .withName("vp").withNamespace("operators").set("clusterWide", "true").call());
        ClusterRole chartClusterRole = Manifests.as(Manifests.only(clusterWide, "ClusterRole"), ClusterRole.class);
        // The generator's order of rules varies with its set of dependents; RBAC rules are a set.
        assertThat(chartRole.getRules()).containsExactlyInAnyOrderElementsOf(generated.getRules());
        assertThat(chartClusterRole.getRules()).containsExactlyInAnyOrderElementsOf(generated.getRules());
        assertThat(chartLease.getRules()).containsExactlyInAnyOrderElementsOf(generatedLease.getRules());
    }

    @Test
    void theOperatorsOwnDeploymentMeetsPodSecurityRestricted() throws IOException {
        HelmChartTest.assertRestricted(Manifests.as(Manifests.only(
                Manifests.parse(Files.readString(Path.of("../k8s/operator/operator.yaml"))), "Deployment"), Deployment.class));
    }
}
