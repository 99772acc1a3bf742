package dev.videoplatform.analytics.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The aggregation's consumer lag per input topic (records not yet processed by this replica's
 * tasks), beside the extension's own check of the Streams state (RUNNING / REBALANCING / ERROR).
 * Lag is reported, not judged: a replica catching up after a restart is still fit to serve reads.
 */
@Readiness
@ApplicationScoped
public class AggregationLag implements HealthCheck {

    private final KafkaStreams streams;

    public AggregationLag(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Long> lagByTopic = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            MetricName name = metric.getKey();
            String client = name.tags().getOrDefault("client-id", "");
            if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                    && !client.endsWith("restore-consumer") && metric.getValue().metricValue() instanceof Double lag && !lag.isNaN()) {
                lagByTopic.merge(name.tags().get("topic"), lag.longValue(), Long::sum);
            }
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named("analytics aggregation lag").up()
                .withData("state", streams.state().name());
        lagByTopic.forEach(response::withData);
        return response.build();
    }
}
