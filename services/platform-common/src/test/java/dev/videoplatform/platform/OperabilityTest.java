package dev.videoplatform.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.GrpcReflection;
import dev.videoplatform.platform.cache.ProtoCache;
import dev.videoplatform.probe.v1.EchoRequest;
import dev.videoplatform.probe.v1.EchoResponse;
import io.grpc.ManagedChannel;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** What an operator of any service relies on: gRPC reflection for tools, and Prometheus metrics. */
@QuarkusTest
class OperabilityTest {

    @Inject
    ReactiveRedisDataSource redis;

    @Test
    void reflectionListsTheServicesAToolCanCall() throws Exception {
        ManagedChannel channel = ProbeClient.channel();
        try {
            Set<String> listed = GrpcReflection.services(channel);
            assertTrue(listed.contains("videoplatform.probe.v1.ProbeService"), "listed: " + listed);
            assertTrue(listed.contains("grpc.health.v1.Health"), "listed: " + listed);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void metricsExposeRpcLatencyHistogramsOutboxBacklogCacheLookupsAndConsumerLag() throws Exception {
        ManagedChannel channel = ProbeClient.channel();
        try {
            ProbeClient.stub(channel, null).publicEcho(EchoRequest.newBuilder().setText("metered").build());
        } finally {
            channel.shutdownNow();
        }
        ProtoCache<EchoResponse> cache = new ProtoCache<>(redis, "test:metered:", Duration.ofMinutes(1), EchoResponse.parser());
        String id = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            cache.getOrLoad(List.of(id), ids -> Uni.createFrom().item(Map.of(id, EchoResponse.newBuilder().setText("cached").build())))
                    .await().indefinitely();
        }
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        String body = metrics.body();
        assertTrue(body.lines().anyMatch(line -> line.startsWith("grpc_server_processing_duration_seconds_bucket{")
                && line.contains("method=\"PublicEcho\"")), "an RPC latency histogram");
        assertTrue(body.contains("videoplatform_outbox_backlog"), "the outbox backlog");
        assertTrue(body.contains("videoplatform_outbox_oldest_unsent_seconds"), "the outbox's oldest unsent row");
        assertTrue(body.lines().anyMatch(line -> line.startsWith("videoplatform_cache_lookups_total{")
                && line.contains("cache=\"test:metered\"") && line.contains("result=\"redis\"")
                && !line.endsWith(" 0.0")), "a cache hit counted: "
                + body.lines().filter(line -> line.contains("cache_lookups")).toList());
        assertTrue(body.contains("kafka_consumer_fetch_manager_records_lag"), "Kafka consumer lag");
    }
}
