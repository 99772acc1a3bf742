package dev.videoplatform.operator.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoplatform.operator.catalog.PlatformService;
import dev.videoplatform.operator.crd.ImageSpec;
import dev.videoplatform.operator.dependent.PlatformObjects;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The images Jib would build, checked without building them (their base images cannot be pulled
 * here; CI builds and pushes them): each module's effective prod-profile {@code quarkus.jib.*} and
 * {@code quarkus.container-image.*} settings, resolved as Quarkus resolves them (platform-common's
 * defaults under the module's application.properties), against the image names the operator
 * deploys, and transcode-service's base image recipe.
 */
class ImageConfigurationTest {

    static final Path ROOT = Path.of("..");
    static final Path PLATFORM_DEFAULTS = ROOT.resolve("services/platform-common/src/main/resources/META-INF/microprofile-config.properties");
    static final Path TRANSCODE_BASE = ROOT.resolve("images/transcode-base/Dockerfile");
    /** Any release version: labels and transcode's base tag must follow it. */
    static final String VERSION = "7.8.9";
    static final String JVM_BASE = "registry.access.redhat.com/ubi9/openjdk-17-runtime:";
    static final String NATIVE_BASE = "quay.io/quarkus/ubi9-quarkus-micro-image:";

    @Test
    void everyServiceModuleIsAPlatformServiceTheOperatorDeploys() throws IOException {
        try (Stream<Path> modules = Files.list(ROOT.resolve("services"))) {
            List<String> services = modules.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("platform-common")).sorted().toList();
            assertThat(services).containsExactlyInAnyOrderElementsOf(
                    Arrays.stream(PlatformService.values()).map(s -> s.serviceName() + "-service").toList());
        }
    }

    @Test
    void eachServiceImageIsNamedAsTheOperatorDeploysItNonRootOnTheServicePortWithReleaseLabels() {
        String defaultRegistry = new ImageSpec().getRegistry();
        for (PlatformService service : PlatformService.values()) {
            SmallRyeConfig config = serviceConfig(service);
            String label = service.serviceName() + "-service";
            assertThat(imageName(config)).as(label + ": image = operator's default")
                    .isEqualTo(defaultRegistry + "/" + service.imageName());
            assertThat(config.getValue("quarkus.jib.user", String.class)).as(label + ": user").isEqualTo("185");
            assertThat(config.getValue("quarkus.jib.ports", String.class)).as(label + ": ports")
                    .isEqualTo(Integer.toString(PlatformObjects.SERVICE_PORT));
            assertReleaseLabels(config, label);
            // Quarkus derives the entrypoint from the base (run-java.sh on the Red Hat runtime, else
            // java -jar quarkus-run.jar); an override here would bypass its JVM options.
            assertThat(config.getOptionalValue("quarkus.jib.jvm-entrypoint", String.class)).as(label + ": entrypoint").isEmpty();
            assertThat(config.getOptionalValue("quarkus.jib.native-entrypoint", String.class)).as(label + ": entrypoint").isEmpty();
        }
    }

    @Test
    void servicesRunOnPinnedRuntimeBasesAndTranscodeOnItsFfmpegBaseOfTheSameRelease() {
        for (PlatformService service : PlatformService.values()) {
            SmallRyeConfig config = serviceConfig(service);
            String jvmBase = config.getValue("quarkus.jib.base-jvm-image", String.class);
            String nativeBase = config.getValue("quarkus.jib.base-native-image", String.class);
            if (service == PlatformService.TRANSCODE) {
                String transcodeBase = new ImageSpec().getRegistry() + "/transcode-base:" + VERSION;
                assertThat(jvmBase).as("transcode JVM base").isEqualTo(transcodeBase);
                assertThat(nativeBase).as("transcode native base").isEqualTo(transcodeBase);
            } else {
                assertPinned(jvmBase, JVM_BASE, service.serviceName());
                assertPinned(nativeBase, NATIVE_BASE, service.serviceName());
            }
        }
    }

    @Test
    void transcodeBaseHasJavaOnItsPathFfmpegWithLibx264AndAacAndTheServicesUser() throws IOException {
        List<String> lines = Files.readAllLines(TRANSCODE_BASE);
        // eclipse-temurin puts java on the PATH, which Quarkus' "java -jar" entrypoint needs.
        assertThat(lines).filteredOn(line -> line.startsWith("FROM ")).singleElement().asString()
                .matches("FROM eclipse-temurin:17-jre-[a-z]+");
        String run = String.join("\n", lines);
        assertThat(run).contains("apt-get install").containsPattern("install -y [^\\n]*ffmpeg");
        // The build fails unless the installed ffmpeg has both encoders transcode-service needs.
        assertThat(run).contains("ffmpeg -hide_banner -encoders | grep -q libx264")
                .contains("ffmpeg -hide_banner -encoders | grep -qE ' aac '");
        assertThat(lines).filteredOn(line -> line.startsWith("USER ")).singleElement().isEqualTo("USER 185");
    }

    @Test
    void operatorImageFollowsTheSameConventionsAndTheChartsDefault() throws IOException {
        SmallRyeConfig operator = config(ROOT.resolve("operator/src/main/resources/application.properties"));
        SmallRyeConfig services = serviceConfig(PlatformService.USER);
        assertThat(imageName(operator)).isEqualTo(new ImageSpec().getRegistry() + "/videoplatform-operator");
        String values = Files.readString(ROOT.resolve("helm/videoplatform-operator/values.yaml"));
        assertThat(values).contains("registry: " + operator.getValue("quarkus.container-image.registry", String.class))
                .contains("repository: " + operator.getValue("quarkus.container-image.group", String.class) + "/"
                        + operator.getValue("quarkus.container-image.name", String.class));
        assertReleaseLabels(operator, "operator");
        for (String key : List.of("quarkus.jib.user", "quarkus.jib.base-jvm-image", "quarkus.jib.base-native-image",
                "quarkus.container-image.labels.\"org.opencontainers.image.source\"",
                "quarkus.container-image.labels.\"org.opencontainers.image.licenses\"")) {
            assertThat(operator.getValue(key, String.class)).as(key).isEqualTo(services.getValue(key, String.class));
        }
    }

    private static void assertReleaseLabels(SmallRyeConfig config, String module) {
        Map<String, String> labels = Map.of(
                "org.opencontainers.image.source", "https://github.com/videoplatform/videoplatform",
                "org.opencontainers.image.version", VERSION,
                "org.opencontainers.image.licenses", "Apache-2.0");
        labels.forEach((label, value) -> assertThat(
                config.getOptionalValue("quarkus.container-image.labels.\"" + label + "\"", String.class))
                .as(module + ": label " + label).contains(value));
    }

    private static void assertPinned(String image, String expectedRepository, String service) {
        assertThat(image).as(service + ": base").startsWith(expectedRepository);
        assertThat(image.substring(expectedRepository.length())).as(service + ": base tag").isNotBlank().isNotEqualTo("latest");
    }

    private static String imageName(SmallRyeConfig config) {
        return config.getValue("quarkus.container-image.registry", String.class) + "/"
                + config.getValue("quarkus.container-image.group", String.class) + "/"
                + config.getValue("quarkus.container-image.name", String.class);
    }

    private static SmallRyeConfig serviceConfig(PlatformService service) {
        return config(ROOT.resolve("services/" + service.serviceName() + "-service/src/main/resources/application.properties"),
                PLATFORM_DEFAULTS);
    }

    /** As Quarkus reads them in the prod profile: application.properties (250) over jar defaults (100). */
    private static SmallRyeConfig config(Path applicationProperties, Path... defaults) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile("prod")
                .withDefaultValue("quarkus.application.version", VERSION)
                .withSources(source(applicationProperties, 250));
        for (Path file : defaults) {
            builder.withSources(source(file, 100));
        }
        return builder.build();
    }

    private static PropertiesConfigSource source(Path file, int ordinal) {
        try {
            return new PropertiesConfigSource(file.toUri().toURL(), ordinal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
