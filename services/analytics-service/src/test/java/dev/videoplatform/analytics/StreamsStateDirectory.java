package dev.videoplatform.analytics;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh RocksDB state directory per test run: state left by an earlier run belongs to a Kafka
 * that no longer exists. Earlier runs' directories go when the next one starts, not at stop: a
 * {@code @QuarkusIntegrationTest} stops its resources before the launched service has closed its
 * stores (each store then waits a second to fail its flush).
 */
public class StreamsStateDirectory implements QuarkusTestResourceLifecycleManager {

    private static final Path ROOT = Path.of("target", "streams-state").toAbsolutePath();

    @Override
    public Map<String, String> start() {
        try {
            if (Files.exists(ROOT)) {
                try (Stream<Path> files = Files.walk(ROOT)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            Path directory = Files.createTempDirectory(Files.createDirectories(ROOT), "run-");
            return Map.of("kafka-streams.state.dir", directory.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
