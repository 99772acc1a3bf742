package dev.videoplatform.platform.blob;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videoplatform.devstack.S3ProxyProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 contract again with virtual-host addressing ({@code http://<bucket>.<domain>:port/key}),
 * as on AWS. Loopback has no wildcard DNS, so this JVM resolves names from a hosts file
 * ({@code -Djdk.net.hosts.file}, set by its own surefire execution; the JDK reads the file on
 * every lookup) that names each bucket's host and never the bare domain: a path-style request
 * would not even resolve. S3Proxy runs with {@code s3proxy.virtual-host}, so it takes the bucket
 * from the Host header.
 */
class BlobStoreContractOnVirtualHostTest extends BlobStoreContractTest {

    /** A reserved top-level domain: never a real host. */
    private static final String DOMAIN = "s3.vhost.test";

    @TempDir
    static Path serverHome;

    private static S3ProxyProcess server;

    static Stream<Backend> backends() {
        return Stream.of(Backend.S3);
    }

    @BeforeAll
    static void startServer() throws IOException {
        Files.writeString(hostsFile(), "127.0.0.1 localhost\n");
        server = S3ProxyProcess.startVirtualHost(serverHome, DOMAIN);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Path hostsFile() {
        String file = System.getProperty("jdk.net.hosts.file");
        assertNotNull(file, "run by the s3-virtual-host surefire execution, which sets -Djdk.net.hosts.file");
        return Path.of(file);
    }

    @Override
    TestS3 s3Config(String bucket) {
        try {
            Files.writeString(hostsFile(), "127.0.0.1 " + bucket + "." + DOMAIN + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestS3(Optional.of(server.createBucket(bucket)), Optional.of(URI.create("http://" + DOMAIN + ":" + server.port())),
                S3ProxyProcess.REGION, false, Optional.of(S3ProxyProcess.ACCESS_KEY), Optional.of(S3ProxyProcess.SECRET_KEY));
    }

    @Test
    void onlyBucketHostsResolveSoPathStyleRequestsCouldNotReachTheServer() throws Exception {
        s3Config("resolvable");
        assertNotNull(InetAddress.getByName("resolvable." + DOMAIN));
        assertThrows(UnknownHostException.class, () -> InetAddress.getByName(DOMAIN));
    }
}
