package dev.videoplatform.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy, a real S3 API server (SigV2/SigV4, multipart, presigned URLs), over a directory on
 * 127.0.0.1, in a JVM of its own: its jclouds, Jetty and logging stack stay off the caller's
 * classpath. Buckets are directories under {@code basedir}; each test makes its own.
 */
public final class S3ProxyProcess implements AutoCloseable {

    public static final String ACCESS_KEY = "devstack";
    public static final String SECRET_KEY = "devstack-secret";
    public static final String REGION = "us-east-1";
    private static final String CLASSPATH = "META-INF/videoplatform/s3proxy-classpath.txt";

    private static S3ProxyProcess shared;

    private final Process process;
    private final int port;
    private final Path basedir;

    private S3ProxyProcess(Process process, int port, Path basedir) {
        this.process = process;
        this.port = port;
        this.basedir = basedir;
    }

    /** The S3 server of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized S3ProxyProcess shared() {
        if (shared == null) {
            try {
                Path home = Files.createTempDirectory("videoplatform-s3proxy");
                S3ProxyProcess started = start(home, FreePorts.next());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    try {
                        PostgresProcess.deleteTree(home);
                    } catch (IOException ignored) {
                        // a temporary directory
                    }
                }, "s3proxy-stop"));
                shared = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Starts S3Proxy with its objects under {@code home/objects}, its log in {@code home/s3proxy.log}. */
    public static S3ProxyProcess start(Path home, int port) throws IOException {
        return start(home, port, List.of());
    }

    /**
     * Starts S3Proxy for virtual-host addressing: a request to {@code <bucket>.<domain>} names
     * the bucket in its Host header. Every other Host is taken for a bucket name too, so this
     * server answers no path-style requests (except on {@code domain} itself). On a free port.
     */
    public static S3ProxyProcess startVirtualHost(Path home, String domain) throws IOException {
        return start(home, FreePorts.next(), List.of("s3proxy.virtual-host=" + domain));
    }

    private static S3ProxyProcess start(Path home, int port, List<String> extraProperties) throws IOException {
        Path basedir = Files.createDirectories(home.resolve("objects"));
        Path properties = home.resolve("s3proxy.properties");
        List<String> lines = new ArrayList<>(List.of(
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                // The SDK's CRC32 headers beside Content-MD5 (DeleteObjects): AWS accepts them, S3Proxy answers 501.
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + basedir.toAbsolutePath()));
        lines.addAll(extraProperties);
        Files.writeString(properties, String.join("\n", lines) + "\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", classpath(), "org.gaul.s3proxy.Main", "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("s3proxy.log").toFile());
        S3ProxyProcess s3 = new S3ProxyProcess(builder.start(), port, basedir);
        try {
            s3.awaitReady(Duration.ofSeconds(60));
        } catch (IOException | RuntimeException e) {
            s3.close();
            throw new IllegalStateException("S3Proxy did not start on port " + port + "; see " + home.resolve("s3proxy.log"), e);
        }
        return s3;
    }

    private static String classpath() throws IOException {
        try (InputStream in = S3ProxyProcess.class.getClassLoader().getResourceAsStream(CLASSPATH)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH + " (devstack-s3proxy module) is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Creates a bucket (a directory under the server's base directory; idempotent). */
    public String createBucket(String name) {
        try {
            Files.createDirectories(basedir.resolve(name));
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configuration for a service whose blob store is the bucket {@code bucket} on this server. */
    public Map<String, String> blobConfig(String bucket, Path scratchRoot) {
        return Map.of("videoplatform.blob.backend", "s3",
                "videoplatform.blob.root", scratchRoot.toString(),
                "videoplatform.blob.s3.bucket", createBucket(bucket),
                "videoplatform.blob.s3.endpoint", endpoint(),
                "videoplatform.blob.s3.region", REGION,
                "videoplatform.blob.s3.path-style", "true",
                "videoplatform.blob.s3.access-key-id", ACCESS_KEY,
                "videoplatform.blob.s3.secret-access-key", SECRET_KEY);
    }

    private void awaitReady(Duration timeout) throws IOException {
        FreePorts.awaitListening(port, timeout, process::isAlive);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
