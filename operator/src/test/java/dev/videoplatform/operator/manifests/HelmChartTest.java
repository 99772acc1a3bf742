package dev.videoplatform.operator.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.videoplatform.operator.crd.KafkaSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lints and renders helm/videoplatform-operator with Helm itself (helm-java embeds it). */
class HelmChartTest {

    static final Path CHART = Path.of("../helm/videoplatform-operator");

    @Test
    void chartPassesStrictLint() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }

    @Test
    void defaultsRenderTheOperatorWithItsRbacAndNoPlatform() {
        List<GenericKubernetesResource> objects = Manifests.parse(
                new Helm(CHART).template().withName("vp").withNamespace("operators").call());

        assertThat(objects).extracting(GenericKubernetesResource::getKind)
                .containsExactlyInAnyOrder("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Deployment");
        Deployment deployment = Manifests.as(Manifests.only(objects, "Deployment"), Deployment.class);
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo("operators");
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("ghcr.io/videoplatform/videoplatform-operator:0.1.0-SNAPSHOT");
        assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("QUARKUS_OPERATOR_SDK_CONTROLLERS_VIDEOPLATFORM_NAMESPACES",
                        "JOSDK_ALL_NAMESPACES"));
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("vp-videoplatform-operator");

        ClusterRoleBinding binding = Manifests.as(Manifests.only(objects, "ClusterRoleBinding"), ClusterRoleBinding.class);
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo("vp-videoplatform-operator");
            assertThat(subject.getNamespace()).isEqualTo("operators");
        });
        assertThat(binding.getRoleRef().getName()).isEqualTo(Manifests.only(objects, "ClusterRole").getMetadata().getName());
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
                .contains(org.assertj.core.groups.Tuple.tuple("QUARKUS_OPERATOR_SDK_CONTROLLERS_VIDEOPLATFORM_NAMESPACES",
                        "media,staging"));
        VideoPlatform platform = Manifests.as(Manifests.only(objects, "VideoPlatform"), VideoPlatform.class);
        assertThat(platform.getMetadata().getNamespace()).isEqualTo("media");
        assertThat(platform.getSpec().getKafka().getTopicMode()).isEqualTo(KafkaSpec.TopicMode.ADMIN);
    }
}
