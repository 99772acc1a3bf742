package dev.videoplatform.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoplatform.operator.catalog.PlatformService;
import dev.videoplatform.operator.crd.AuthSpec;
import dev.videoplatform.operator.crd.S3StorageSpec;
import dev.videoplatform.operator.crd.SmtpSpec;
import dev.videoplatform.operator.crd.StorageSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every image, port, probe path and environment variable the operator writes into a service's
 * Deployment must exist in the service it targets, read from the services' own sources: a variable
 * is read when Quarkus maps it onto a property the service configures, one of its @ConfigMapping or
 * @ConfigProperty names, a {@code ${VAR}} of its properties, or a setting of an extension it has;
 * or when another variable of the pod expands it as {@code $(VAR)}. A platform with every option on
 * (S3, SMTP, a public host) makes the operator write all it can.
 */
class DeploymentsMatchTheServicesTest {

    static final Path SERVICES = Path.of("../services");
    static final Path COMMON = SERVICES.resolve("platform-common");
    /** The Quarkus extension whose settings a QUARKUS_ variable with this prefix is. */
    static final Map<String, List<String>> EXTENSION_OF_PREFIX = Map.of(
            "QUARKUS_DATASOURCE_JDBC_", List.of("quarkus-jdbc-postgresql"),
            "QUARKUS_DATASOURCE_REACTIVE_", List.of("quarkus-reactive-pg-client"),
            "QUARKUS_DATASOURCE_", List.of("quarkus-jdbc-postgresql", "quarkus-reactive-pg-client"),
            "QUARKUS_REDIS_", List.of("quarkus-redis-client"),
            "QUARKUS_MAILER_", List.of("quarkus-mailer"),
            "QUARKUS_GRPC_", List.of("quarkus-grpc"),
            "QUARKUS_OTEL_", List.of("quarkus-opentelemetry"),
            // the HTTP server comes with gRPC (on the same port) and the health endpoints
            "QUARKUS_HTTP_", List.of("quarkus-grpc", "quarkus-smallrye-health"));
    static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
    static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name = \"([^\"]+)\"");
    static final Pattern METHOD = Pattern.compile("^\\s+(?:[\\w<>?,.\\[\\] ]+)\\s+(\\w+)\\(\\);", Pattern.MULTILINE);
    static final Pattern GRPC_CLIENT = Pattern.compile("@GrpcClient\\(\"([^\"]+)\"\\)");
    static final String GRPC_CLIENTS = "QUARKUS_GRPC_CLIENTS_";
    static final Pattern EXPANSION = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)");

    static VideoPlatform platform;

    @BeforeAll
    static void everyOptionOn() {
        platform = new VideoPlatform();
        platform.getMetadata().setName("videos");
        platform.getMetadata().setNamespace("media");
        S3StorageSpec s3 = new S3StorageSpec();
        s3.setBucket("media");
        s3.setEndpoint("http://minio:9000");
        platform.getSpec().getStorage().setType(StorageSpec.StorageType.S3);
        platform.getSpec().getStorage().setS3(s3);
        SmtpSpec smtp = new SmtpSpec();
        smtp.setHost("smtp.example.com");
        smtp.setFrom("Videos <videos@example.com>");
        smtp.setSecretName("smtp");
        platform.getSpec().getNotification().setSmtp(smtp);
        platform.getSpec().getGateway().setHost("videos.example.com");
        platform.getSpec().getObservability().setOtlpEndpoint("http://collector:4317");
    }

    @Test
    void everyVariableOfAServiceIsReadByThatService() {
        List<String> unread = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            ServiceSources sources = ServiceSources.of(service);
            List<EnvVar> env = ServiceDeploymentDependentResource.operatorEnv(platform, service);
            Set<String> expanded = env.stream().filter(e -> e.getValue() != null)
                    .flatMap(e -> EXPANSION.matcher(e.getValue()).results().map(m -> m.group(1)))
                    .collect(Collectors.toSet());
            env.stream().map(EnvVar::getName)
                    .filter(name -> !expanded.contains(name) && !sources.reads(name))
                    .forEach(name -> unread.add(service.serviceName() + ": " + name));
        }
        assertThat(unread).as("variables the operator sets that the service never reads").isEmpty();
    }

    @Test
    void everyEntryOfTheSharedConfigMapIsReadBySomeService() {
        List<ServiceSources> all = Stream.of(PlatformService.values()).map(ServiceSources::of).toList();
        assertThat(SharedConfigMapDependentResource.configData(platform).keySet())
                .filteredOn(name -> all.stream().noneMatch(sources -> sources.reads(name)))
                .as("ConfigMap entries no service reads").isEmpty();
    }

    @Test
    void imagePortProbesAndSigningKeyPathMatchEachService() {
        String httpPort = SharedConfigMapDependentResource.configData(platform).get("QUARKUS_HTTP_PORT");
        for (PlatformService service : PlatformService.values()) {
            ServiceSources sources = ServiceSources.of(service);
            Deployment deployment = new ServiceDeploymentDependentResource().deployment(platform, service, "hash");
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

            // images are named videoplatform-${quarkus.application.name} (platform-common)
            assertThat(sources.commonProperties.getProperty("quarkus.container-image.name"))
                    .isEqualTo("videoplatform-${quarkus.application.name}");
            assertThat(container.getImage()).as(service.serviceName())
                    .contains("/videoplatform-" + sources.properties.getProperty("quarkus.application.name") + ":");

            // gRPC and HTTP on the one port the container declares and the ConfigMap gives Quarkus
            assertThat(container.getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getContainerPort()).hasToString(httpPort);
                assertThat(port.getName()).isEqualTo(PlatformObjects.SERVICE_PORT_NAME);
            });
            assertThat(sources.commonProperties.getProperty("quarkus.grpc.server.use-separate-server")).isEqualTo("false");

            // SmallRye Health's endpoints at their default paths, on that port
            assertThat(sources.extensions).as(service.serviceName()).contains("quarkus-smallrye-health");
            assertThat(sources.allKeys()).as("nothing moves /q/health")
                    .noneMatch(key -> key.equals("quarkus.http.non-application-root-path") || key.startsWith("quarkus.smallrye-health."));
            for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
                assertThat(probe.getHttpGet().getPath()).isIn("/q/health/started", "/q/health/live", "/q/health/ready");
                assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo(PlatformObjects.SERVICE_PORT_NAME);
            }
        }
        // user-service reads its signing key where the operator mounts it
        assertThat(ServiceSources.of(PlatformService.USER).properties.getProperty("videoplatform.user.signing-key.location"))
                .contains(ServiceDeploymentDependentResource.JWT_DIRECTORY + "/" + AuthSpec.PRIVATE_KEY);
    }

    @Test
    void theCheckRefusesWhatNoServiceReads() {
        ServiceSources user = ServiceSources.of(PlatformService.USER);
        assertThat(user.reads("VIDEOPLATFORM_SERVICE_IDENTITY_KEY")).isTrue();
        assertThat(user.reads("VIDEOPLATFORM_SERVICE_IDENTITY_KY")).as("a misspelt name").isFalse();
        assertThat(user.reads("QUARKUS_MAILER_HOST")).as("an extension user-service lacks").isFalse();
        assertThat(ServiceSources.of(PlatformService.SEARCH).reads("QUARKUS_GRPC_CLIENTS_ANALYTICS_HOST"))
                .as("a client search-service does not inject").isFalse();
    }

    /** What one service's sources (and platform-common's, which every service has) configure and read. */
    static final class ServiceSources {

        final Properties properties = new Properties();
        final Properties commonProperties = new Properties();
        final Set<String> propertyNames = new HashSet<>();
        final Set<String> referencedVariables = new HashSet<>();
        final Set<String> extensions = new HashSet<>();
        final Set<String> grpcClients = new HashSet<>();

        static ServiceSources of(PlatformService service) {
            Path module = SERVICES.resolve(service.serviceName() + "-service");
            assertThat(module).as("module of " + service.serviceName()).isDirectory();
            ServiceSources sources = new ServiceSources();
            load(sources.properties, module.resolve("src/main/resources/application.properties"));
            load(sources.commonProperties, COMMON.resolve("src/main/resources/META-INF/microprofile-config.properties"));
            assertThat(read(module.resolve("pom.xml"))).as("depends on platform-common").contains("<artifactId>platform-common</artifactId>");
            for (Path root : List.of(module, COMMON)) {
                Matcher artifact = Pattern.compile("<artifactId>(quarkus-[a-z-]+)</artifactId>").matcher(read(root.resolve("pom.xml")));
                artifact.results().forEach(m -> sources.extensions.add(m.group(1)));
                sources.addJavaNames(root.resolve("src/main/java"));
            }
            for (Properties p : List.of(sources.properties, sources.commonProperties)) {
                for (String key : p.stringPropertyNames()) {
                    sources.propertyNames.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
                    Matcher reference = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(p.getProperty(key));
                    reference.results().forEach(m -> sources.referencedVariables.add(m.group(1)));
                }
            }
            return sources;
        }

        Set<String> allKeys() {
            Set<String> keys = new HashSet<>(properties.stringPropertyNames());
            keys.addAll(commonProperties.stringPropertyNames());
            return keys;
        }

        /** Whether the service reads {@code variable}, as Quarkus maps environment variables onto properties. */
        boolean reads(String variable) {
            if (referencedVariables.contains(variable)
                    || propertyNames.stream().anyMatch(name -> environmentName(name).equals(variable))) {
                return true;
            }
            if (variable.startsWith(GRPC_CLIENTS)) {
                // a client's settings are read only where that client is injected
                return grpcClients.stream().anyMatch(client -> variable.startsWith(GRPC_CLIENTS + environmentName(client) + "_"));
            }
            return EXTENSION_OF_PREFIX.entrySet().stream()
                    .filter(entry -> variable.startsWith(entry.getKey()))
                    .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
                    .map(entry -> entry.getValue().stream().anyMatch(extensions::contains))
                    .orElse(false);
        }

        /** Property names of @ConfigProperty and @ConfigMapping (prefix plus one or two method levels). */
        private void addJavaNames(Path sourceRoot) {
            if (!Files.isDirectory(sourceRoot)) {
                return;
            }
            try (Stream<Path> files = Files.walk(sourceRoot)) {
                files.filter(f -> f.toString().endsWith(".java")).map(ServiceSources::read).forEach(java -> {
                    CONFIG_PROPERTY.matcher(java).results().forEach(m -> propertyNames.add(m.group(1)));
                    GRPC_CLIENT.matcher(java).results().forEach(m -> grpcClients.add(m.group(1)));
                    Matcher mapping = CONFIG_MAPPING.matcher(java);
                    if (mapping.find()) {
                        List<String> methods = METHOD.matcher(java).results().map(m -> kebab(m.group(1))).toList();
                        for (String first : methods) {
                            propertyNames.add(mapping.group(1) + "." + first);
                            methods.forEach(second -> propertyNames.add(mapping.group(1) + "." + first + "." + second));
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String environmentName(String property) {
            return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
        }

        private static String kebab(String camel) {
            return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        }

        private static void load(Properties properties, Path file) {
            try (var in = Files.newBufferedReader(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
