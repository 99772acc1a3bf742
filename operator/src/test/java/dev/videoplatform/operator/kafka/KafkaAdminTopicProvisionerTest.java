package dev.videoplatform.operator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.videoplatform.devstack.KafkaKraftBroker;
import dev.videoplatform.operator.catalog.TopicSettings;
import dev.videoplatform.operator.crd.KafkaSpec;
import dev.videoplatform.operator.crd.TopicSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topic mode {@code admin} against a real single-node Kafka (KRaft, in this JVM). */
class KafkaAdminTopicProvisionerTest {

    @TempDir
    static Path kafkaData;

    static KafkaKraftBroker broker;
    static Admin admin;

    final KafkaAdminTopicProvisioner provisioner = new KafkaAdminTopicProvisioner(Duration.ofSeconds(2));

    @BeforeAll
    static void startKafka() throws IOException {
        broker = KafkaKraftBroker.start(kafkaData, freePort(), freePort());
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        admin = Admin.create(properties);
    }

    @AfterAll
    static void stopKafka() {
        admin.close();
        broker.close();
    }

    @Test
    void createsTheCatalogThenOnlyRepairsWhatDiffers() throws Exception {
        KafkaSpec kafka = new KafkaSpec();
        kafka.setReplicas(1);
        List<TopicSettings> topics = TopicSettings.resolve(kafka);

        KafkaAdminTopicProvisioner.Changes first = provisioner.ensureTopics(broker.bootstrapServers(), topics);
        assertThat(first.created()).hasSize(topics.size());
        assertThat(admin.listTopics().names().get()).containsAll(topics.stream().map(TopicSettings::name).toList());
        assertThat(partitions("analytics.events")).isEqualTo(6);
        assertThat(partitions("analytics.events.dlq")).isEqualTo(1);

        assertThat(provisioner.ensureTopics(broker.bootstrapServers(), topics).none())
                .as("a second pass over matching topics changes nothing").isTrue();

        TopicSpec override = new TopicSpec();
        override.setPartitions(8);
        override.setRetentionMs(3_600_000L);
        kafka.getTopics().put("video.uploaded", override);
        admin.deleteTopics(List.of("comment.created")).all().get();
        // deletion reaches the broker's metadata asynchronously
        await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains("comment.created"));

        KafkaAdminTopicProvisioner.Changes repair = provisioner.ensureTopics(broker.bootstrapServers(),
                TopicSettings.resolve(kafka));
        assertThat(repair.created()).containsExactly("comment.created");
        assertThat(repair.repartitioned()).containsExactly("video.uploaded");
        assertThat(repair.reconfigured()).containsExactly("video.uploaded");
        // like deletion, new partitions reach the broker's metadata asynchronously
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(partitions("video.uploaded")).isEqualTo(8));
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "video.uploaded");
        // and so does a changed topic config
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(admin.describeConfigs(List.of(resource))
                .all().get().get(resource).get("retention.ms").value()).isEqualTo("3600000"));
    }

    @Test
    void unreachableKafkaIsAnErrorWithAReadableMessage() throws IOException {
        KafkaSpec kafka = new KafkaSpec();
        String nobody = "127.0.0.1:" + freePort();
        assertThatThrownBy(() -> provisioner.ensureTopics(nobody, TopicSettings.resolve(kafka)))
                .isInstanceOf(KafkaTopicProvisioningException.class)
                .hasMessageContaining("Timed out");
    }

    private static int partitions(String topic) throws Exception {
        Map<String, TopicDescription> descriptions = admin.describeTopics(List.of(topic)).allTopicNames().get();
        return descriptions.get(topic).partitions().size();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
