package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.crd.KafkaSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Activates the KafkaTopic dependent in topic mode {@code strimzi} only: in {@code admin} mode the
 * operator neither watches KafkaTopics (their CRD may not even be installed) nor deletes any left
 * from an earlier mode, because deleting a KafkaTopic makes Strimzi delete the topic and its records.
 */
public class StrimziTopicModeCondition implements Condition<Object, VideoPlatform> {

    @Override
    public boolean isMet(DependentResource<Object, VideoPlatform> dependentResource, VideoPlatform platform,
            Context<VideoPlatform> context) {
        return platform.getSpec().getKafka().getTopicMode() == KafkaSpec.TopicMode.STRIMZI;
    }
}
