package dev.videoplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateEnvoyConfigTest {

    @Test
    void writesEnvoyYamlAndTheMountedDescriptorSetForAnInstance(@TempDir Path out) throws Exception {
        GenerateEnvoyConfig.run(new String[] {"--out", out.toString(), "--instance", "videos",
                "--upstream", "videoplatform.search.v1.SearchService=search.example:9000"});

        String yaml = Files.readString(out.resolve("envoy.yaml"));
        assertThat(EnvoyBootstrap.violations(EnvoyBootstrap.parse(yaml))).isEmpty();
        assertThat(yaml).contains("address: videos-user", "address: videos-streaming", "uri: http://videos-user:8080/.well-known/jwks.json",
                "address: search.example", "proto_descriptor: /etc/envoy/descriptor_set.pb");
        assertThat(yaml).doesNotContain("address: videos-search");
        DescriptorSet mounted = DescriptorSet.parse(Files.readAllBytes(out.resolve("descriptor_set.pb")));
        assertThat(mounted.services()).anyMatch(s -> s.getFullName().equals("videoplatform.user.v1.UserService"));
    }

    @Test
    void embedsTheDescriptorSetOnRequest(@TempDir Path out) throws Exception {
        GenerateEnvoyConfig.run(new String[] {"--out", out.toString(), "--embed-descriptor"});

        Map<String, Object> tree = EnvoyBootstrap.tree(Files.readString(out.resolve("envoy.yaml")));
        assertThat(tree).containsKey("static_resources");
        assertThat(Files.readString(out.resolve("envoy.yaml"))).contains("proto_descriptor_bin: ");
        assertThat(out.resolve("descriptor_set.pb")).doesNotExist();
    }

    @Test
    void rejectsMalformedArguments(@TempDir Path out) {
        assertThatThrownBy(() -> GenerateEnvoyConfig.run(new String[] {"--out", out.toString(), "--upstream", "no-equals-sign"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SERVICE=HOST:PORT");
        assertThatThrownBy(() -> GenerateEnvoyConfig.run(new String[] {"--out"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
    }
}
