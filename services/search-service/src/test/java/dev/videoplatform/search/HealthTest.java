package dev.videoplatform.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Readiness covers what the service cannot answer without: PostgreSQL, Kafka (its consumers) and Redis. */
@QuarkusTest
class HealthTest {

    @Test
    void readinessCoversPostgresKafkaAndRedis() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpResponse<String> ready = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        String body = ready.body().toLowerCase(Locale.ROOT);
        assertTrue(body.contains("postgresql"), body);
        assertTrue(body.contains("reactive messaging") && body.contains("video-published")
                && body.contains("analytics-video-counts") && body.contains("user-updated"), body);
        // The rebuild's sources are reported, not required: search answers without them.
        assertTrue(body.contains("upload-catalog") && body.contains("user-service"), body);
        assertTrue(body.contains("redis"), body);
    }
}
