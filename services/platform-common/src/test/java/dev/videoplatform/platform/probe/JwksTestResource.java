package dev.videoplatform.platform.probe;

import com.sun.net.httpserver.HttpServer;
import dev.videoplatform.devstack.TestServiceIdentity;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;

/**
 * Serves a JWKS on 127.0.0.1 (as user-service does) and hands the private key to tests through a
 * file named in the config, since test resources and tests may not share class loaders. Also
 * gives the probe the platform's service-identity key.
 */
public class JwksTestResource implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            KeyPair keys = TestKeys.newRsaKeyPair();
            byte[] jwks = TestKeys.jwks((RSAPublicKey) keys.getPublic()).getBytes(StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
            Path keyFile = Files.createTempFile("probe-signing-key", ".b64");
            keyFile.toFile().deleteOnExit();
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
            return Map.of(
                    "videoplatform.auth.jwks-url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json",
                    "probe.signing-key-file", keyFile.toString(),
                    "videoplatform.service-identity.key", TestServiceIdentity.key());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
