package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.catalog.TopicSettings;
import dev.videoplatform.operator.crd.VideoPlatform;
import dev.videoplatform.operator.strimzi.KafkaTopic;
import dev.videoplatform.operator.strimzi.KafkaTopicSpec;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Strimzi KafkaTopic for every topic of the catalog (event types and their DLQs), active only in
 * topic mode {@code strimzi}. Object names carry the instance name, so two platforms can share a
 * namespace; {@code spec.topicName} is the real topic name.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.MANAGED_BY_SELECTOR))
public class KafkaTopicDependentResource extends KubernetesDependentResource<KafkaTopic, VideoPlatform>
        implements CRUDKubernetesBulkDependentResource<KafkaTopic, VideoPlatform>,
        KubernetesBulkDependentResource<KafkaTopic, VideoPlatform>, GarbageCollected<VideoPlatform> {

    public KafkaTopicDependentResource() {
        super(KafkaTopic.class);
    }

    @Override
    public Map<ResourceID, KafkaTopic> desiredResources(VideoPlatform platform, Context<VideoPlatform> context) {
        Map<ResourceID, KafkaTopic> desired = new LinkedHashMap<>();
        for (TopicSettings settings : TopicSettings.resolve(platform.getSpec().getKafka())) {
            KafkaTopic topic = topic(platform, settings);
            desired.put(ResourceID.fromResource(topic), topic);
        }
        return desired;
    }

    private static KafkaTopic topic(VideoPlatform platform, TopicSettings settings) {
        Map<String, String> labels = PlatformObjects.labels(platform, "kafka-topic");
        labels.put(KafkaTopic.CLUSTER_LABEL, platform.getSpec().getKafka().getStrimziCluster());
        KafkaTopicSpec spec = new KafkaTopicSpec();
        spec.setTopicName(settings.name());
        spec.setPartitions(settings.partitions());
        spec.setReplicas(settings.replicas());
        Map<String, String> config = new TreeMap<>();
        config.put("retention.ms", Long.toString(settings.retentionMs()));
        spec.setConfig(config);
        KafkaTopic topic = new KafkaTopic();
        topic.setMetadata(PlatformObjects.metadata(platform,
                PlatformObjects.kafkaTopicObjectName(platform, settings.name()), labels));
        topic.setSpec(spec);
        return topic;
    }
}
