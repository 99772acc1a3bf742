package dev.videoplatform.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoplatform.gateway.DescriptorSet;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** `make run` works with no edge configuration: every exposed service has its port from the ports table. */
class EdgeDefaultsTest {

    private static final Map<String, Integer> PORT_BY_OWNER = Map.of("user", 8101, "upload", 8102, "transcode", 8103,
            "streaming", 8104, "search", 8105, "comment", 8106, "analytics", 8107, "recommendation", 8108,
            "notification", 8109, "admin", 8110);

    @Test
    void everyServiceWithAnHttpRuleHasADefaultUpstreamOnItsPort() throws Exception {
        Properties defaults = new Properties();
        try (InputStream in = EdgeDefaultsTest.class.getResourceAsStream("/application.properties")) {
            defaults.load(in);
        }
        for (String service : HttpRuleIndex.of(DescriptorSet.platform()).services()) {
            String owner = service.split("\\.")[1];
            assertThat(defaults.getProperty("edge.upstreams.\"" + service + "\"")).as(service)
                    .isEqualTo("localhost:" + PORT_BY_OWNER.get(owner));
        }
        assertThat(defaults.getProperty("edge.streaming")).isEqualTo("localhost:8104");
        assertThat(defaults.getProperty("edge.uploads")).isEqualTo("localhost:8102");
        assertThat(defaults.getProperty("edge.notifications")).isEqualTo("localhost:8109");
        assertThat(defaults.getProperty("quarkus.http.port")).isEqualTo("8080");
    }
}
