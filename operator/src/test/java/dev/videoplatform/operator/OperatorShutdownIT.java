package dev.videoplatform.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The packaged operator (prod profile: leader election on) ends on SIGTERM, as a pod must when it is
 * deleted or rolled. JOSDK's exit-on-stop-leading deadlocked that shutdown (System.exit inside the
 * shutdown hook), so every rollout waited out the pod's grace period and ended with a SIGKILL.
 */
class OperatorShutdownIT {

    static final String NAMESPACE = "videoplatform-system";

    @Test
    void leaderEndsOnSigterm() throws Exception {
        KubernetesMockServer server = LeaderElectionMockServer.start(
                Path.of("../k8s/crd/videoplatforms.videoplatform.dev-v1.yml"));
        Path log = Files.createTempFile(Path.of("target"), "operator-shutdown", ".log");
        Process operator = null;
        try {
            KubernetesClient client = server.createClient();
            ProcessBuilder builder = new ProcessBuilder("java", "-jar", "target/quarkus-app/quarkus-run.jar")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", "http://127.0.0.1:" + server.getPort());
            builder.environment().put("QUARKUS_KUBERNETES_CLIENT_NAMESPACE", NAMESPACE);
            builder.environment().put("QUARKUS_OPERATOR_SDK_CONTROLLERS_VIDEOPLATFORM_NAMESPACES", NAMESPACE);
            builder.environment().put("QUARKUS_HTTP_PORT", "0");
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            operator = builder.start();
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> !client.resources(Lease.class)
                    .inNamespace(NAMESPACE).list().getItems().isEmpty());

            operator.destroy(); // SIGTERM
            boolean ended = operator.waitFor(20, TimeUnit.SECONDS);
            assertThat(ended).as("operator ended within 20 s of SIGTERM; its log:%n%s", Files.readString(log)).isTrue();
            assertThat(Files.readString(log)).contains("Released the leader Lease on shutdown");
        } finally {
            if (operator != null) {
                operator.destroyForcibly();
            }
            server.destroy();
        }
    }
}
