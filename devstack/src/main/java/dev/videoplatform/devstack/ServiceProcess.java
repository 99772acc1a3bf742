package dev.videoplatform.devstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * For tests: a packaged service ({@code target/quarkus-app/quarkus-run.jar}) run as its own
 * process on a free loopback port, ready when its readiness check says so. Tests use it to kill
 * a service like a crashing pod, or to run several services together.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The switch of the prod profile's JSON console logs; pass {@code "true"} to get them. */
    public static final String JSON_LOGS = "quarkus.log.console.json.enabled";

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread orphanGuard;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.orphanGuard = new Thread(process::destroy, "stop-" + log.getFileName());
    }

    /** Starts {@code jar} with {@code properties} as system properties and waits until it is ready. */
    public static ServiceProcess start(Path jar, Map<String, String> properties, Path log)
            throws IOException, InterruptedException {
        return start(jar, properties, log, "/q/health/ready");
    }

    /** As {@link #start(Path, Map, Path)}, for an application whose readiness answers 200 at {@code readinessPath}. */
    public static ServiceProcess start(Path jar, Map<String, String> properties, Path log, String readinessPath)
            throws IOException, InterruptedException {
        return start(jar, properties, log, readinessPath, freePort());
    }

    /**
     * As {@link #start(Path, Map, Path, String)}, on {@code port} (from {@link #freePort()}): for an
     * address other processes must be told before this one starts (e.g. the public URL of an edge).
     */
    public static ServiceProcess start(Path jar, Map<String, String> properties, Path log, String readinessPath, int port)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build the service (`package`) first");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.otel.traces.exporter=none"));
        properties.forEach((key, value) -> cmd.add("-D" + key + "=" + value));
        cmd.addAll(List.of("-jar", jar.toString()));
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // Plain-text logs, read by people when a test fails, rather than the prod profile's JSON. An
        // environment variable, which applications without JSON logging (the edge) ignore silently;
        // a test's JSON_LOGS=true property outranks it.
        builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        Process process = builder.start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        // A test or benchmark JVM stopped by a signal skips close(); the service must not outlive it.
        Runtime.getRuntime().addShutdownHook(service.orphanGuard);
        try {
            service.awaitReady(readinessPath);
        } catch (IOException | RuntimeException | InterruptedException e) {
            service.kill();
            throw e;
        }
        return service;
    }

    /** A loopback port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** Where the process writes its standard output and error. */
    public Path log() {
        return log;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(String readinessPath) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited during start-up:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + readinessPath)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("service not ready within 90 s:\n" + Files.readString(log));
    }

    /** SIGKILL, children included: no shutdown hooks, no goodbye to Kafka. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
        releaseOrphanGuard();
    }

    /**
     * A normal stop (SIGTERM), then SIGKILL if it takes longer than 20 s. Interrupted while
     * waiting, it kills at once and keeps the thread's interrupt flag.
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        releaseOrphanGuard();
    }

    private void releaseOrphanGuard() {
        try {
            Runtime.getRuntime().removeShutdownHook(orphanGuard);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to release
        }
    }
}
