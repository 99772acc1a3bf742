package dev.videoplatform.operator.strimzi;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The part of Strimzi's {@code KafkaTopic} (kafka.strimzi.io/v1beta2) this operator writes. Modelled
 * here rather than taken from Strimzi's api jar, which would bring all of Strimzi's model for four
 * fields. Its CRD belongs to Strimzi: this operator never generates or applies it.
 */
@Group("kafka.strimzi.io")
@Version("v1beta2")
@Kind("KafkaTopic")
@Plural("kafkatopics")
public class KafkaTopic extends CustomResource<KafkaTopicSpec, Void> implements Namespaced {

    /** The label by which Strimzi's topic operator picks the topics of its Kafka cluster. */
    public static final String CLUSTER_LABEL = "strimzi.io/cluster";
}
