package dev.videoplatform.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoplatform.operator.crd.KafkaSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A namespaced operator (the chart's default) sees KafkaTopics only in the namespaces it watches. */
class KafkaTopicNamespaceTest {

    @Test
    void aTopicNamespaceOutsideTheWatchedOnesIsRefusedByName() {
        VideoPlatform platform = platform("kafka");

        assertThat(KafkaTopicDependentResource.unwatchedTopicNamespace(platform, Set.of("media")))
                .hasValue("spec.kafka.topicNamespace: the operator does not watch namespace 'kafka'; add it to the "
                        + "chart's watchNamespaces, or install the operator cluster-wide");
        assertThat(KafkaTopicDependentResource.unwatchedTopicNamespace(platform, Set.of("media", "kafka"))).isEmpty();
        assertThat(KafkaTopicDependentResource.unwatchedTopicNamespace(platform,
                Set.of(Constants.WATCH_ALL_NAMESPACES))).isEmpty();
    }

    @Test
    void theOwnNamespaceAndTopicModeAdminNeedNothingWatched() {
        assertThat(KafkaTopicDependentResource.unwatchedTopicNamespace(platform(null), Set.of("other"))).isEmpty();
        VideoPlatform admin = platform("kafka");
        admin.getSpec().getKafka().setTopicMode(KafkaSpec.TopicMode.ADMIN);
        assertThat(KafkaTopicDependentResource.unwatchedTopicNamespace(admin, Set.of("media"))).isEmpty();
    }

    private static VideoPlatform platform(String topicNamespace) {
        VideoPlatform platform = new VideoPlatform();
        platform.getMetadata().setName("videos");
        platform.getMetadata().setNamespace("media");
        platform.getSpec().getKafka().setTopicNamespace(topicNamespace);
        return platform;
    }
}
