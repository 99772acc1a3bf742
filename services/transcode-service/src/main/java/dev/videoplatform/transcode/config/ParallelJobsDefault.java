package dev.videoplatform.transcode.config;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Default of {@code videoplatform.transcode.parallel-jobs}: one job per two cores of the machine
 * or container, at least one. A configuration value cannot compute it, so this source does, at
 * the lowest priority (any configured value wins).
 */
public class ParallelJobsDefault implements ConfigSource {

    static final String KEY = "videoplatform.transcode.parallel-jobs";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(KEY, value());
    }

    @Override
    public String getValue(String propertyName) {
        return KEY.equals(propertyName) ? value() : null;
    }

    @Override
    public String getName() {
        return "transcode-parallel-jobs-default";
    }

    @Override
    public int getOrdinal() {
        return 10;
    }

    private static String value() {
        return Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }
}
