package dev.videoplatform.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * A fabric8 mock API server (CRUD, on loopback) that the packaged operator can run against in the
 * prod profile: the VideoPlatform CRD installed, and leader election's permission check answered
 * (the mock has no authorizer). Used by {@code OperatorShutdownIT} and by bench/operator.
 */
public final class LeaderElectionMockServer {

    private LeaderElectionMockServer() {
    }

    public static KubernetesMockServer start(Path crdYaml) {
        // expectations and the CRUD store share one response map, as in Quarkus' test server
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus()
                        .withResourceRules(new ResourceRuleBuilder().withApiGroups("coordination.k8s.io")
                                .withResources("leases").withVerbs("*").build())
                        .withIncomplete(false).endStatus().build())
                .always();
        KubernetesClient client = server.createClient();
        try (InputStream in = Files.newInputStream(crdYaml)) {
            client.resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            client.close();
        }
        return server;
    }
}
