package dev.videoplatform.operator.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.videoplatform.operator.crd.KafkaSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lints and renders helm/videoplatform-operator with Helm itself (helm-java embeds it). */
class HelmChartTest {

    static final Path CHART = Path.of("../helm/videoplatform-operator");
    static final String NAMESPACES_VARIABLE = "QUARKUS_OPERATOR_SDK_CONTROLLERS_VIDEOPLATFORM_NAMESPACES";

    @Test
    void chartPassesStrictLint() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }

    @Test
    void defaultsRenderANamespacedOperatorWithItsRolesAndNoPlatform() {
        List<GenericKubernetesResource> objects = Manifests.parse(
                new Helm(CHART).template().withName("vp").withNamespace("operators").call());

        assertThat(objects).extracting(GenericKubernetesResource::getKind)
                .containsExactlyInAnyOrder("ServiceAccount", "Role", "RoleBinding", "Role", "RoleBinding", "Deployment");
        assertThat(objects).as("nothing cluster-wide").allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("operators"));
        Deployment deployment = Manifests.as(Manifests.only(objects, "Deployment"), Deployment.class);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("ghcr.io/videoplatform/videoplatform-operator:0.1.0-SNAPSHOT");
        assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(tuple(NAMESPACES_VARIABLE, "operators"));
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("vp-videoplatform-operator");
        assertRestricted(deployment);

        Role role = role(objects, "vp-videoplatform-operator");
        assertThat(role.getRules()).extracting(PolicyRule::getResources).flatExtracting(r -> r)
                .contains("videoplatforms", "deployments", "secrets", "pods").doesNotContain("leases");
        RoleBinding binding = binding(objects, "vp-videoplatform-operator");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo("vp-videoplatform-operator");
            assertThat(subject.getNamespace()).isEqualTo("operators");
        });
        assertThat(role(objects, "vp-videoplatform-operator-leader-election").getRules()).singleElement()
                .satisfies(rule -> assertThat(rule.getResources()).containsExactly("leases"));
        assertThat(binding(objects, "vp-videoplatform-operator-leader-election").getRoleRef().getName())
                .isEqualTo("vp-videoplatform-operator-leader-election");
    }

    @Test
    void clusterWideIsAnOptInWithAClusterRoleButTheLeaseStaysNamespaced(@TempDir Path directory) throws IOException {
        Path values = Files.writeString(directory.resolve("values.yaml"), "clusterWide: true\nwatchNamespaces: [ignored]\n");
        List<GenericKubernetesResource> objects = Manifests.parse(new Helm(CHART).template()
                .withName("vp").withNamespace("operators").withValuesFile(values).call());

        assertThat(objects).extracting(GenericKubernetesResource::getKind).containsExactlyInAnyOrder("ServiceAccount",
                "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment");
        Container container = Manifests.as(Manifests.only(objects, "Deployment"), Deployment.class)
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(tuple(NAMESPACES_VARIABLE, "JOSDK_ALL_NAMESPACES"));
        ClusterRole clusterRole = Manifests.as(Manifests.only(objects, "ClusterRole"), ClusterRole.class);
        assertThat(clusterRole.getRules()).extracting(PolicyRule::getResources).flatExtracting(r -> r).doesNotContain("leases");
        ClusterRoleBinding binding = Manifests.as(Manifests.only(objects, "ClusterRoleBinding"), ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(clusterRole.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> assertThat(subject.getNamespace()).isEqualTo("operators"));
        assertThat(Manifests.only(objects, "Role").getMetadata().getName()).isEqualTo("vp-videoplatform-operator-leader-election");
    }

    @Test
    void eachWatchedNamespaceGetsItsOwnRole(@TempDir Path directory) throws IOException {
        Path values = Files.writeString(directory.resolve("values.yaml"), "watchNamespaces: [media, staging]\n");
        List<GenericKubernetesResource> objects = Manifests.parse(new Helm(CHART).template()
                .withName("vp").withNamespace("operators").withValuesFile(values).call());

        assertThat(objects).filteredOn(o -> o.getKind().equals("Role") && o.getMetadata().getName().equals("vp-videoplatform-operator"))
                .extracting(o -> o.getMetadata().getNamespace()).containsExactlyInAnyOrder("media", "staging");
        assertThat(objects).filteredOn(o -> o.getKind().equals("RoleBinding") && o.getMetadata().getName().equals("vp-videoplatform-operator"))
                .extracting(o -> o.getMetadata().getNamespace()).containsExactlyInAnyOrder("media", "staging");
        assertThat(objects).extracting(GenericKubernetesResource::getKind).doesNotContain("ClusterRole", "ClusterRoleBinding");
    }

    /** What Pod Security "restricted" requires of a pod and its containers. */
    static void assertRestricted(Deployment deployment) {
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("runAsNonRoot").isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getContainers()).allSatisfy(container -> {
            var security = container.getSecurityContext();
            assertThat(security.getAllowPrivilegeEscalation()).as("allowPrivilegeEscalation").isFalse();
            assertThat(security.getReadOnlyRootFilesystem()).as("readOnlyRootFilesystem").isTrue();
            assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
            assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
            assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath()).as("a writable /tmp").contains("/tmp");
        });
    }

    private static Role role(List<GenericKubernetesResource> objects, String name) {
        return Manifests.as(objects.stream().filter(o -> o.getKind().equals("Role") && o.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(), Role.class);
    }

    private static RoleBinding binding(List<GenericKubernetesResource> objects, String name) {
        return Manifests.as(objects.stream().filter(o -> o.getKind().equals("RoleBinding") && o.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(), RoleBinding.class);
    }

    @Test
    void valuesSelectNamespacesDropRbacAndAddAPlatform(@TempDir Path directory) throws IOException {
        Path values = Files.writeString(directory.resolve("values.yaml"), """
                watchNamespaces: [media, staging]
                rbac:
                  create: false
                platform:
                  enabled: true
                  spec:
                    kafka:
                      topicMode: admin
                """);
        List<GenericKubernetesResource> objects = Manifests.parse(new Helm(CHART).template()
                .withName("vp").withNamespace("media").withValuesFile(values).call());

        assertThat(objects).extracting(GenericKubernetesResource::getKind)
                .containsExactlyInAnyOrder("ServiceAccount", "Deployment", "VideoPlatform");
        Container container = Manifests.as(Manifests.only(objects, "Deployment"), Deployment.class)
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(tuple(NAMESPACES_VARIABLE, "media,staging"));
        VideoPlatform platform = Manifests.as(Manifests.only(objects, "VideoPlatform"), VideoPlatform.class);
        assertThat(platform.getMetadata().getNamespace()).isEqualTo("media");
        assertThat(platform.getSpec().getKafka().getTopicMode()).isEqualTo(KafkaSpec.TopicMode.ADMIN);
    }
}
