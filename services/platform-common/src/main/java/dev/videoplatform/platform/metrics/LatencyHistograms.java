package dev.videoplatform.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Request latency as histograms (buckets from 1 ms to 30 s), not just count and sum: Prometheus
 * can then compute p99 across replicas, which averages of averages cannot give.
 */
@Singleton
public class LatencyHistograms {

    static final String RPC_LATENCY = "grpc.server.processing.duration";
    static final String HTTP_LATENCY = "http.server.requests";

    @Produces
    @Singleton
    MeterFilter requestLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(RPC_LATENCY) && !id.getName().equals(HTTP_LATENCY)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(30).toNanos()).build().merge(config);
            }
        };
    }
}
