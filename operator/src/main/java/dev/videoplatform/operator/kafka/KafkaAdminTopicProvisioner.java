package dev.videoplatform.operator.kafka;

import dev.videoplatform.operator.catalog.TopicSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Topic mode {@code admin}: brings the platform's topics in line with the Kafka AdminClient. It
 * creates missing topics, raises partition counts and corrects retention; it never deletes a topic
 * or lowers a partition count, which Kafka cannot do without losing records. Every call looks at
 * Kafka afresh, so a topic deleted behind the operator's back is created again.
 */
@ApplicationScoped
public class KafkaAdminTopicProvisioner {

    /** What one call changed; empty lists when the topics already matched. */
    public record Changes(List<String> created, List<String> repartitioned, List<String> reconfigured) {

        public boolean none() {
            return created.isEmpty() && repartitioned.isEmpty() && reconfigured.isEmpty();
        }
    }

    private final Duration timeout;

    public KafkaAdminTopicProvisioner(
            @ConfigProperty(name = "videoplatform.operator.kafka-admin-timeout", defaultValue = "15s") Duration timeout) {
        this.timeout = timeout;
    }

    public Changes ensureTopics(String bootstrapServers, List<TopicSettings> topics) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "videoplatform-operator");
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = get(admin.listTopics().names());
            Map<String, TopicSettings> wanted = topics.stream()
                    .collect(Collectors.toMap(TopicSettings::name, Function.identity()));

            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> new NewTopic(topic.name(), topic.partitions(), (short) topic.replicas())
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retentionMs()))))
                    .toList();
            if (!missing.isEmpty()) {
                get(admin.createTopics(missing).all());
            }

            List<String> present = topics.stream().map(TopicSettings::name).filter(existing::contains).toList();
            List<String> repartitioned = new ArrayList<>();
            List<String> reconfigured = new ArrayList<>();
            if (!present.isEmpty()) {
                repartitioned.addAll(raisePartitions(admin, present, wanted));
                reconfigured.addAll(correctRetention(admin, present, wanted));
            }
            return new Changes(missing.stream().map(NewTopic::name).toList(), repartitioned, reconfigured);
        }
    }

    private List<String> raisePartitions(Admin admin, Collection<String> names, Map<String, TopicSettings> wanted) {
        Map<String, TopicDescription> descriptions = get(admin.describeTopics(names).allTopicNames());
        Map<String, NewPartitions> increases = descriptions.values().stream()
                .filter(d -> d.partitions().size() < wanted.get(d.name()).partitions())
                .collect(Collectors.toMap(TopicDescription::name,
                        d -> NewPartitions.increaseTo(wanted.get(d.name()).partitions())));
        if (!increases.isEmpty()) {
            get(admin.createPartitions(increases).all());
        }
        return increases.keySet().stream().sorted().toList();
    }

    private List<String> correctRetention(Admin admin, Collection<String> names, Map<String, TopicSettings> wanted) {
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = get(admin.describeConfigs(resources).all());
        Map<ConfigResource, Collection<AlterConfigOp>> changes = configs.entrySet().stream()
                .filter(e -> {
                    ConfigEntry retention = e.getValue().get(TopicConfig.RETENTION_MS_CONFIG);
                    String desired = Long.toString(wanted.get(e.getKey().name()).retentionMs());
                    return retention == null || !desired.equals(retention.value());
                })
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG,
                                Long.toString(wanted.get(e.getKey().name()).retentionMs())),
                        AlterConfigOp.OpType.SET))));
        if (!changes.isEmpty()) {
            get(admin.incrementalAlterConfigs(changes).all());
        }
        return changes.keySet().stream().map(ConfigResource::name).sorted().toList();
    }

    private <T> T get(KafkaFuture<T> future) {
        try {
            // a little beyond the client's own timeout, so that its more precise error wins
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaTopicProvisioningException("interrupted", e);
        } catch (ExecutionException e) {
            throw new KafkaTopicProvisioningException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaTopicProvisioningException("Kafka did not answer within " + timeout.toSeconds() + " s", e);
        }
    }
}
