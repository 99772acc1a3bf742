package dev.videoplatform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import redis.embedded.RedisServer;

/** A Redis server (codemonstur's embedded-redis binary) bound to 127.0.0.1. */
public final class RedisProcess implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private RedisProcess(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** {@code dataDir == null}: nothing is persisted (tests); otherwise an append-only file is kept there. */
    public static RedisProcess start(int port, Path dataDir) {
        try {
            var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("protected-mode yes")
                    .setting("daemonize no");
            if (dataDir == null) {
                builder.setting("save \"\"").setting("appendonly no");
            } else {
                Files.createDirectories(dataDir);
                builder.setting("dir " + dataDir.toAbsolutePath()).setting("appendonly yes");
            }
            RedisServer server = builder.build();
            server.start();
            RedisProcess redis = new RedisProcess(server, port);
            redis.awaitReady(Duration.ofSeconds(20));
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start on port " + port, e);
        }
    }

    public int port() {
        return port;
    }

    private void awaitReady(Duration timeout) throws IOException {
        FreePorts.awaitListening(port, timeout, () -> true);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not stop", e);
        }
    }
}
