package dev.videoplatform.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * For {@code @QuarkusIntegrationTest}s: the packaged service Quarkus launched (the jar in
 * {@code make test}, the native executable in CI's native job), reached as clients reach it: gRPC
 * and HTTP on its one port.
 */
public final class PackagedService implements AutoCloseable {

    private final int port;
    private final ManagedChannel channel;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PackagedService() {
        // Set by Quarkus once the launched service logged the port it listens on.
        port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    public int port() {
        return port;
    }

    public ManagedChannel channel() {
        return channel;
    }

    public HttpResponse<String> get(String path) {
        return get(path, HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a GET answered 200. */
    public byte[] getBytes(String path) {
        HttpResponse<byte[]> response = get(path, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Readiness is UP: the datasource, Kafka and Redis checks of a service that started (Flyway ran). */
    public void assertReady() {
        HttpResponse<String> ready = get("/q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"status\": \"UP\"") || ready.body().contains("\"status\":\"UP\""), ready.body());
    }

    /** The Prometheus scrape has a latency histogram of {@code method}: served through the gRPC metrics interceptor. */
    public void assertRpcTimed(String method) {
        HttpResponse<String> scrape = get("/q/metrics");
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.body().lines().anyMatch(line -> line.startsWith("grpc_server_processing_duration_seconds_bucket{")
                && line.contains("method=\"" + method + "\"")), method + " has no latency histogram in /q/metrics");
    }

    /** {@code read} until {@code done} accepts its result (an event's effect shows), or fails after {@code timeout}. */
    public static <T> T await(Supplier<T> read, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = read.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = read.get();
        }
        return last;
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
