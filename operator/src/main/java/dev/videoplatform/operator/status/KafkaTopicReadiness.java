package dev.videoplatform.operator.status;

import dev.videoplatform.operator.crd.VideoPlatformStatus;
import dev.videoplatform.operator.strimzi.KafkaTopic;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The condition {@value #KAFKA_TOPICS_READY}: whether Strimzi's topic operator has made every
 * KafkaTopic of the platform Ready, and which ones it has not (with Strimzi's own reason). A topic
 * that never gets ready is usually one in a namespace the topic operator does not watch, or a
 * {@code strimzi.io/cluster} label naming no cluster.
 */
public final class KafkaTopicReadiness {

    public static final String KAFKA_TOPICS_READY = "KafkaTopicsReady";

    private KafkaTopicReadiness() {
    }

    public static Condition condition(VideoPlatformStatus previous, Collection<KafkaTopic> topics, long generation,
            Instant now) {
        List<KafkaTopic> notReady = topics.stream().filter(topic -> !topic.isReady())
                .sorted(Comparator.comparing(topic -> topic.getSpec().getTopicName()))
                .toList();
        boolean ready = !topics.isEmpty() && notReady.isEmpty();
        String message;
        if (topics.isEmpty()) {
            message = "No KafkaTopic created yet";
        } else if (ready) {
            message = topics.size() + " topics ready";
        } else {
            message = notReady.size() + "/" + topics.size() + " topics not ready in namespace "
                    + notReady.get(0).getMetadata().getNamespace() + ": " + String.join(", ",
                            notReady.stream().map(t -> t.getSpec().getTopicName() + " (" + t.notReadyMessage() + ")").toList());
        }
        return StatusAggregator.condition(Optional.ofNullable(previous), KAFKA_TOPICS_READY, ready,
                ready ? "TopicsReady" : "TopicsNotReady", message, generation, now);
    }
}
