package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.catalog.TopicSettings;
import dev.videoplatform.operator.crd.KafkaSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import dev.videoplatform.operator.strimzi.KafkaTopic;
import dev.videoplatform.operator.strimzi.KafkaTopicSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Strimzi KafkaTopic for every topic of the catalog (event types and their DLQs), active only in
 * topic mode {@code strimzi}. Object names carry the instance name, so two platforms can share a
 * namespace; {@code spec.topicName} is the real topic name.
 *
 * <p>The topics go to {@code spec.kafka.topicNamespace} (the Kafka cluster's, where Strimzi's topic
 * operator watches). The informer watches the operator's namespaces, like every other, so that
 * namespace must be one of them (the chart's {@code watchNamespaces}, or cluster-wide): a namespaced
 * operator keeps namespaced rights. A topic in another
 * namespace than the platform's cannot carry an owner reference (the garbage collector would take
 * it for an orphan and delete it, and Strimzi the topic with it); it names its platform in
 * annotations instead, and is kept when the platform is deleted.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.MANAGED_BY_SELECTOR))
public class KafkaTopicDependentResource extends KubernetesDependentResource<KafkaTopic, VideoPlatform>
        implements CRUDKubernetesBulkDependentResource<KafkaTopic, VideoPlatform>,
        KubernetesBulkDependentResource<KafkaTopic, VideoPlatform>, GarbageCollected<VideoPlatform>,
        SecondaryToPrimaryMapper<KafkaTopic> {

    /** The platform of a topic in another namespace (no owner reference possible there). */
    public static final String PLATFORM_NAME_ANNOTATION = "videoplatform.dev/platform-name";
    public static final String PLATFORM_NAMESPACE_ANNOTATION = "videoplatform.dev/platform-namespace";

    private static final SecondaryToPrimaryMapper<KafkaTopic> OWNER_REFERENCES =
            Mappers.fromOwnerReferences(VideoPlatform.class, false);

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

    /** Owner reference where Kubernetes allows one (same namespace), annotations everywhere else. */
    @Override
    protected void addReferenceHandlingMetadata(KafkaTopic topic, VideoPlatform platform) {
        if (Objects.equals(topic.getMetadata().getNamespace(), platform.getMetadata().getNamespace())) {
            super.addReferenceHandlingMetadata(topic, platform);
        }
    }

    @Override
    public Set<ResourceID> toPrimaryResourceIDs(KafkaTopic topic) {
        Map<String, String> annotations = topic.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey(PLATFORM_NAME_ANNOTATION)) {
            return Set.of(new ResourceID(annotations.get(PLATFORM_NAME_ANNOTATION),
                    annotations.get(PLATFORM_NAMESPACE_ANNOTATION)));
        }
        return OWNER_REFERENCES.toPrimaryResourceIDs(topic);
    }

    /** Where the platform's KafkaTopics live: spec.kafka.topicNamespace, or the platform's namespace. */
    public static String topicNamespace(VideoPlatform platform) {
        String configured = platform.getSpec().getKafka().getTopicNamespace();
        return configured == null || configured.isBlank() ? platform.getMetadata().getNamespace() : configured;
    }

    /**
     * The problem with a topic namespace the operator does not watch (given its effective watched
     * namespaces): a KafkaTopic created there would never be seen, so it would be created again on
     * every reconcile and its readiness never known.
     */
    public static Optional<String> unwatchedTopicNamespace(VideoPlatform platform, Set<String> watchedNamespaces) {
        String namespace = topicNamespace(platform);
        if (platform.getSpec().getKafka().getTopicMode() != KafkaSpec.TopicMode.STRIMZI
                || namespace.equals(platform.getMetadata().getNamespace())
                || InformerConfiguration.allNamespacesWatched(watchedNamespaces)
                || watchedNamespaces.contains(namespace)) {
            return Optional.empty();
        }
        return Optional.of("spec.kafka.topicNamespace: the operator does not watch namespace '" + namespace
                + "'; add it to the chart's watchNamespaces, or install the operator cluster-wide");
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
        ObjectMeta metadata = PlatformObjects.metadata(platform,
                PlatformObjects.kafkaTopicObjectName(platform, settings.name()), labels);
        String namespace = topicNamespace(platform);
        if (!namespace.equals(platform.getMetadata().getNamespace())) {
            metadata.setNamespace(namespace);
            Map<String, String> annotations = new TreeMap<>();
            annotations.put(PLATFORM_NAME_ANNOTATION, platform.getMetadata().getName());
            annotations.put(PLATFORM_NAMESPACE_ANNOTATION, platform.getMetadata().getNamespace());
            metadata.setAnnotations(annotations);
        }
        topic.setMetadata(metadata);
        topic.setSpec(spec);
        return topic;
    }
}
