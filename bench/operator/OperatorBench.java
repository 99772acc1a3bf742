import dev.videoplatform.operator.LeaderElectionMockServer;
import dev.videoplatform.operator.catalog.PlatformService;
import dev.videoplatform.operator.catalog.TopicCatalog;
import dev.videoplatform.operator.crd.KafkaSpec;
import dev.videoplatform.operator.crd.StorageSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import dev.videoplatform.operator.crd.VideoPlatformSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the packaged operator (a real JVM process, prod profile: leader election on) against the
 * fabric8 mock API server in CRUD mode and measures: start-up, time from creating the full sample
 * VideoPlatform to all its children existing, API writes of a reconcile with nothing to change, and
 * the operator's resident memory. Started by bench/operator/run.sh, which builds the classpath.
 *
 * Arguments: operator quarkus-run.jar, the VideoPlatform YAML, the CRD YAML, a log file.
 */
public class OperatorBench {

    static final String NAMESPACE = "bench";
    static final String OPERATOR_NAMESPACE = "videoplatform-system";
    // held so that the level set on it is not garbage-collected away
    static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        // the mock server leaves non-daemon threads behind
        System.exit(0);
    }

    static void run(String[] args) throws Exception {
        Path operatorJar = Path.of(args[0]);
        Path platformYaml = Path.of(args[1]);
        Path crdYaml = Path.of(args[2]);
        Path log = Path.of(args[3]);

        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        KubernetesMockServer server = LeaderElectionMockServer.start(crdYaml);
        KubernetesClient client = server.createClient();
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("videoplatform-postgres").endMetadata()
                .withStringData(Map.of("host", "pg", "port", "5432", "username", "videos", "password", "secret"))
                .build()).create();
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("videoplatform-redis").endMetadata()
                .withStringData(Map.of("url", "redis://redis:6379")).build()).create();

        // The StorageClass the sample's claim names, as an NFS (ReadWriteMany) class: the operator checks it exists.
        VideoPlatform sample;
        try (InputStream in = Files.newInputStream(platformYaml)) {
            sample = client.getKubernetesSerialization().unmarshal(in, VideoPlatform.class);
        }
        String storageClass = sample.getSpec().getStorage().getPvc().getStorageClassName();
        if (storageClass != null) {
            client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                    .withName(storageClass).endMetadata()
                    .withProvisioner("cluster.local/nfs-subdir-external-provisioner").build()).create();
        }

        int httpPort = freePort();
        // one DEBUG line per reconciliation, so that the bench sees the no-op reconcile happen
        String reconcileLog = "-Dquarkus.log.category.\"io.javaoperatorsdk.operator.processing.event"
                + ".ReconciliationDispatcher\".level=DEBUG";
        List<String> command = new ArrayList<>();
        if (operatorJar.toString().endsWith(".jar")) {
            command.addAll(List.of("java", reconcileLog));
            // The JVM options the image runs the operator with (run.sh reads them from its application.properties).
            String jvmOptions = System.getenv().getOrDefault("OPERATOR_JVM_OPTIONS", "").trim();
            if (!jvmOptions.isEmpty()) {
                command.addAll(Arrays.asList(jvmOptions.split("\\s+")));
            }
            command.addAll(List.of("-jar", operatorJar.toString()));
            System.out.println("operator JVM options: " + (jvmOptions.isEmpty() ? "(defaults)" : jvmOptions));
        } else {
            command.addAll(List.of(operatorJar.toAbsolutePath().toString(), reconcileLog));
            System.out.println("operator: native executable " + operatorJar);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", "http://127.0.0.1:" + server.getPort());
        builder.environment().put("QUARKUS_KUBERNETES_CLIENT_NAMESPACE", OPERATOR_NAMESPACE);
        builder.environment().put("QUARKUS_OPERATOR_SDK_CONTROLLERS_VIDEOPLATFORM_NAMESPACES", NAMESPACE);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        long started = System.nanoTime();
        Process operator = builder.start();
        try {
            awaitReady(httpPort, operator);
            double startup = seconds(started);

            GenericKubernetesResource platform;
            try (InputStream in = Files.newInputStream(platformYaml)) {
                platform = client.getKubernetesSerialization().unmarshal(in, GenericKubernetesResource.class);
            }
            platform.getMetadata().setNamespace(NAMESPACE);
            String name = platform.getMetadata().getName();
            long created = System.nanoTime();
            client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("videoplatform.dev")
                    .withVersion("v1alpha1").withKind("VideoPlatform").withPlural("videoplatforms")
                    .withNamespaced(true).build()).inNamespace(NAMESPACE).resource(platform).create();
            int children = awaitChildren(client, name,
                    client.getKubernetesSerialization().convertValue(platform, VideoPlatform.class));
            double convergence = seconds(created);

            awaitReconciledStatus(client, name);
            Thread.sleep(2000);
            drain(server);
            long reconcilesBefore = reconciles(log, name);

            // A status-only change of a child, as controllers make all the time: the operator reconciles.
            Deployment search = client.apps().deployments().inNamespace(NAMESPACE).withName(name + "-search").get();
            search.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .withObservedGeneration(1L).build());
            client.apps().deployments().inNamespace(NAMESPACE).resource(search).updateStatus();
            Thread.sleep(5000);
            List<String> writes = drain(server).stream()
                    .filter(r -> !r.startsWith("GET") && r.contains("/namespaces/" + NAMESPACE + "/"))
                    .filter(r -> !r.endsWith("/deployments/" + name + "-search/status"))
                    .toList();
            long reconcilesAfter = reconciles(log, name);
            if (reconcilesAfter <= reconcilesBefore) {
                throw new IllegalStateException("the trigger caused no reconciliation; the write count would mean nothing");
            }

            System.out.printf("operator start-up to ready:            %.2f s%n", startup);
            System.out.printf("CR created -> all %d children present: %.2f s%n", children, convergence);
            System.out.printf("API writes of a no-op reconcile:       %d %s%n", writes.size(), writes);
            System.out.printf("operator RSS (steady) / peak:          %s / %s%n",
                    procStatus(operator.pid(), "VmRSS"), procStatus(operator.pid(), "VmHWM"));
            System.out.printf("(reconciliations after the trigger: %d; operator log: %s)%n",
                    reconcilesAfter - reconcilesBefore, log);
        } finally {
            operator.destroy();
            if (!operator.waitFor(20, TimeUnit.SECONDS)) {
                System.out.println("operator did not end within 20 s of SIGTERM; killed");
                operator.destroyForcibly();
            }
            client.close();
            server.destroy();
        }
    }

    /**
     * Waits until every child the sample implies exists, counted with the operator's own model (its
     * classes are on the bench's classpath): one Deployment, Service, PDB and NetworkPolicy per enabled
     * service, an HPA where autoscaling is on, the gateway's Deployment, Service and ConfigMap when it
     * is enabled, the topics in Strimzi mode, the shared ConfigMap, the generated Secrets and the claim.
     */
    static int awaitChildren(KubernetesClient client, String name, VideoPlatform sample) throws InterruptedException {
        Map<String, Integer> expected = expectedChildren(sample);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Map<String, Integer> found = Map.of();
        while (System.nanoTime() < deadline) {
            found = new TreeMap<>();
            found.put("Deployment", count(client, "apps/v1", "Deployment", name));
            found.put("Service", count(client, "v1", "Service", name));
            found.put("PodDisruptionBudget", count(client, "policy/v1", "PodDisruptionBudget", name));
            found.put("NetworkPolicy", count(client, "networking.k8s.io/v1", "NetworkPolicy", name));
            found.put("HorizontalPodAutoscaler", count(client, "autoscaling/v2", "HorizontalPodAutoscaler", name));
            found.put("KafkaTopic", count(client, "kafka.strimzi.io/v1beta2", "KafkaTopic", name));
            found.put("ConfigMap", count(client, "v1", "ConfigMap", name));
            found.put("Secret", count(client, "v1", "Secret", name));
            found.put("PersistentVolumeClaim", count(client, "v1", "PersistentVolumeClaim", name));
            if (found.equals(expected)) {
                return found.values().stream().mapToInt(Integer::intValue).sum();
            }
            Thread.sleep(20);
        }
        VideoPlatform platform = client.resources(VideoPlatform.class).inNamespace(NAMESPACE).withName(name).get();
        throw new IllegalStateException("children did not all appear within 120 s: expected " + expected + ", found " + found
                + "; status: " + (platform == null || platform.getStatus() == null ? "(none)" : platform.getStatus().getConditions()));
    }

    static Map<String, Integer> expectedChildren(VideoPlatform sample) {
        VideoPlatformSpec spec = sample.getSpec();
        List<PlatformService> enabled = Arrays.stream(PlatformService.values())
                .filter(service -> spec.serviceSpec(service).isEnabled()).toList();
        int services = enabled.size();
        int gateway = spec.getGateway().isEnabled() ? 1 : 0;
        Map<String, Integer> expected = new TreeMap<>();
        expected.put("Deployment", services + gateway);
        expected.put("Service", services + gateway);
        expected.put("PodDisruptionBudget", services);
        expected.put("NetworkPolicy", services);
        expected.put("HorizontalPodAutoscaler", (int) enabled.stream()
                .filter(service -> spec.serviceSpec(service).getAutoscaling().isEnabled()).count());
        expected.put("KafkaTopic", spec.getKafka().getTopicMode() == KafkaSpec.TopicMode.STRIMZI ? TopicCatalog.all().size() : 0);
        expected.put("ConfigMap", 1 + gateway);
        // the platform keys, and the signing key unless the engineer's Secret exists (the bench makes none)
        expected.put("Secret", 2);
        expected.put("PersistentVolumeClaim", spec.getStorage().getType() == StorageSpec.StorageType.PVC ? 1 : 0);
        return expected;
    }

    static int count(KubernetesClient client, String apiVersion, String kind, String instance) {
        // custom resources by explicit definition: the mock API server offers no discovery for them
        var resources = kind.equals("KafkaTopic")
                ? client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("kafka.strimzi.io")
                        .withVersion("v1beta2").withKind(kind).withPlural("kafkatopics").withNamespaced(true).build())
                : client.genericKubernetesResources(apiVersion, kind);
        return resources.inNamespace(NAMESPACE)
                .withLabel("app.kubernetes.io/instance", instance).list().getItems().size();
    }

    static void awaitReconciledStatus(KubernetesClient client, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            HasMetadata platform = client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                    .withGroup("videoplatform.dev").withVersion("v1alpha1").withKind("VideoPlatform")
                    .withPlural("videoplatforms").withNamespaced(true).build())
                    .inNamespace(NAMESPACE).withName(name).get();
            Object status = ((GenericKubernetesResource) platform).getAdditionalProperties().get("status");
            if (status instanceof Map<?, ?> map && map.get("observedGeneration") instanceof Number observed
                    && platform.getMetadata().getGeneration() == observed.longValue()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no status within 60 s");
    }

    static void awaitReady(int port, Process operator) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && operator.isAlive()) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("operator not ready (alive: " + operator.isAlive() + ")");
    }

    static long reconciles(Path log, String name) throws java.io.IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.contains("Handling dispatch for resource name: " + name + " ")).count();
    }

    static List<String> drain(KubernetesMockServer server) throws InterruptedException {
        List<String> requests = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(200, TimeUnit.MILLISECONDS); r != null;
                r = server.takeRequest(200, TimeUnit.MILLISECONDS)) {
            requests.add(r.getMethod() + " " + r.getPath());
        }
        return requests;
    }

    static String procStatus(long pid, String field) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> line.substring(field.length() + 1).trim())
                .findFirst().orElse("?");
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
