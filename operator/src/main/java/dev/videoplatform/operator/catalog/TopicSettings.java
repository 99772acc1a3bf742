package dev.videoplatform.operator.catalog;

import dev.videoplatform.operator.crd.KafkaSpec;
import dev.videoplatform.operator.crd.TopicSpec;
import java.util.List;

/** The settings a topic gets: the catalog's defaults with the resource's overrides applied. */
public record TopicSettings(String name, int partitions, int replicas, long retentionMs) {

    public static List<TopicSettings> resolve(KafkaSpec kafka) {
        return TopicCatalog.all().stream().map(defaults -> {
            TopicSpec override = kafka.getTopics().get(defaults.name());
            int partitions = override != null && override.getPartitions() != null
                    ? override.getPartitions() : defaults.partitions();
            int replicas = override != null && override.getReplicas() != null
                    ? override.getReplicas() : kafka.getReplicas();
            long retentionMs = override != null && override.getRetentionMs() != null
                    ? override.getRetentionMs() : defaults.retention().toMillis();
            return new TopicSettings(defaults.name(), partitions, replicas, retentionMs);
        }).toList();
    }
}
