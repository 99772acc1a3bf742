package dev.videoplatform.operator.strimzi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The part of Strimzi's {@code KafkaTopic} (kafka.strimzi.io/v1beta2) this operator writes. Modelled
 * here rather than taken from Strimzi's api jar, which would bring all of Strimzi's model for a
 * few fields and a condition. Its CRD belongs to Strimzi: this operator never generates or applies it.
 */
@Group("kafka.strimzi.io")
@Version("v1beta2")
@Kind("KafkaTopic")
@Plural("kafkatopics")
public class KafkaTopic extends CustomResource<KafkaTopicSpec, KafkaTopicStatus> implements Namespaced {

    /** The label by which Strimzi's topic operator picks the topics of its Kafka cluster. */
    public static final String CLUSTER_LABEL = "strimzi.io/cluster";

    /**
     * True once Strimzi reports the topic Ready for the current spec: its Ready condition is True
     * and it has seen this generation (a stale True would hide an edit not yet applied).
     */
    @JsonIgnore
    public boolean isReady() {
        KafkaTopicStatus status = getStatus();
        if (status == null || status.ready().filter(c -> "True".equals(c.getStatus())).isEmpty()) {
            return false;
        }
        Long generation = getMetadata().getGeneration();
        return generation == null || status.getObservedGeneration() == null
                || status.getObservedGeneration() >= generation;
    }

    /** Why Strimzi has not made the topic ready, when it says. */
    public String notReadyMessage() {
        return getStatus() == null ? "no status yet"
                : getStatus().ready().map(c -> c.getReason() != null ? c.getReason() + ": " + c.getMessage() : c.getMessage())
                        .orElse("no Ready condition yet");
    }
}
