package dev.videoplatform.operator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoplatform.events.EventCatalog;
import dev.videoplatform.operator.crd.KafkaSpec;
import dev.videoplatform.operator.crd.TopicSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    @Test
    void catalogIsTheContractsTopicsWithTheirDeadLetterTopics() {
        assertThat(TopicCatalog.all()).extracting(TopicCatalog.TopicDefaults::name)
                .containsExactlyInAnyOrderElementsOf(EventCatalog.topicsWithDeadLetters())
                .contains("video.uploaded", "video.uploaded.dlq");
    }

    @Test
    void everySizingExceptionNamesAnEventTopic() {
        assertThat(EventCatalog.topics()).containsAll(TopicCatalog.EXCEPTIONS.keySet());
        assertThat(TopicCatalog.CO_PARTITIONED).allSatisfy(topic -> assertThat(TopicCatalog.byName(topic).orElseThrow()
                .partitions()).isEqualTo(TopicCatalog.byName("analytics.events").orElseThrow().partitions()));
    }

    @Test
    void overridesReplaceOnlyTheFieldsTheySet() {
        KafkaSpec kafka = new KafkaSpec();
        kafka.setReplicas(2);
        TopicSpec override = new TopicSpec();
        override.setPartitions(24);
        kafka.getTopics().put("analytics.events", override);

        List<TopicSettings> settings = TopicSettings.resolve(kafka);

        TopicSettings analytics = settings.stream().filter(t -> t.name().equals("analytics.events")).findFirst().orElseThrow();
        assertThat(analytics).isEqualTo(new TopicSettings("analytics.events", 24, 2,
                TopicCatalog.byName("analytics.events").orElseThrow().retention().toMillis()));
        TopicSettings dlq = settings.stream().filter(t -> t.name().equals("analytics.events.dlq")).findFirst().orElseThrow();
        assertThat(dlq.partitions()).isEqualTo(1);
        assertThat(dlq.replicas()).isEqualTo(2);
    }
}
