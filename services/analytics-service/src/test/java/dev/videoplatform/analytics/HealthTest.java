package dev.videoplatform.analytics;

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

/**
 * Health shows the aggregation: the extension's Streams state (liveness) and the lag per input
 * topic (readiness: reads come from PostgreSQL, so a rebalancing or catching-up replica still serves).
 */
@QuarkusTest
class HealthTest {

    @Test
    void healthShowsTheStreamsStateAndLag() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health")).build();
        // Lag appears once Streams runs and has fetched from its partitions (Kafka metrics spell topic dots as "_").
        long deadline = System.nanoTime() + 60_000_000_000L;
        HttpResponse<String> health;
        do {
            health = http.send(request, HttpResponse.BodyHandlers.ofString());
            AnalyticsClient.sleep(200);
        } while (!health.body().contains("analytics_events\"") && System.nanoTime() < deadline);
        assertEquals(200, health.statusCode(), health.body());
        String body = health.body().toLowerCase(Locale.ROOT);
        assertTrue(body.contains("postgresql"), body);
        assertTrue(body.contains("kafka streams state health check") && body.contains("\"state\": \"running\""), body);
        assertTrue(body.contains("analytics aggregation lag") && body.contains("\"analytics_events\": 0"), body);
    }
}
