package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import java.util.Map;
import java.util.TreeMap;

/** The Kafka cluster the services use and how the platform's topics get created in it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaSpec {

    public enum TopicMode {
        /** KafkaTopic resources for the Strimzi topic operator. */
        @JsonProperty("strimzi")
        STRIMZI,
        /** Topics created by this operator with the Kafka AdminClient. */
        @JsonProperty("admin")
        ADMIN
    }

    @JsonPropertyDescription("Bootstrap servers, host:port[,host:port]. Default: kafka-kafka-bootstrap:9092 "
            + "(Strimzi's bootstrap Service for a cluster named kafka).")
    private String bootstrapServers = "kafka-kafka-bootstrap:9092";

    @JsonPropertyDescription("strimzi: KafkaTopic resources (needs the Strimzi topic operator); admin: the operator "
            + "creates topics with the Kafka AdminClient. Default: strimzi.")
    private TopicMode topicMode = TopicMode.STRIMZI;

    @JsonPropertyDescription("Strimzi Kafka cluster name, set as the strimzi.io/cluster label of every KafkaTopic. "
            + "Default: kafka.")
    private String strimziCluster = "kafka";

    @JsonPropertyDescription("Namespace of the KafkaTopic resources: the Kafka cluster's, where Strimzi's topic "
            + "operator watches. Default: the platform's own. Topics in another namespace carry no owner reference "
            + "(Kubernetes allows none across namespaces) and are kept when the platform is deleted, like its data.")
    private String topicNamespace;

    @JsonPropertyDescription("TLS to the brokers.")
    private KafkaTlsSpec tls = new KafkaTlsSpec();

    @JsonPropertyDescription("SASL authentication of the services' clients; unset: none.")
    private KafkaAuthenticationSpec authentication;

    @JsonPropertyDescription("Replication factor of every topic unless overridden in topics. Default: 3.")
    @Min(1)
    private int replicas = 3;

    @JsonPropertyDescription("Per-topic overrides keyed by topic name (an event type such as video.uploaded, or its "
            + "dead-letter topic video.uploaded.dlq); unset fields keep the catalog's defaults.")
    private Map<String, TopicSpec> topics = new TreeMap<>();

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public TopicMode getTopicMode() {
        return topicMode;
    }

    public void setTopicMode(TopicMode topicMode) {
        this.topicMode = topicMode;
    }

    public String getStrimziCluster() {
        return strimziCluster;
    }

    public void setStrimziCluster(String strimziCluster) {
        this.strimziCluster = strimziCluster;
    }

    public String getTopicNamespace() {
        return topicNamespace;
    }

    public void setTopicNamespace(String topicNamespace) {
        this.topicNamespace = topicNamespace;
    }

    public KafkaTlsSpec getTls() {
        return tls;
    }

    public void setTls(KafkaTlsSpec tls) {
        this.tls = tls;
    }

    public KafkaAuthenticationSpec getAuthentication() {
        return authentication;
    }

    public void setAuthentication(KafkaAuthenticationSpec authentication) {
        this.authentication = authentication;
    }

    /** Kafka's security.protocol for these settings. */
    public String securityProtocol() {
        if (authentication != null) {
            return tls.isEnabled() ? "SASL_SSL" : "SASL_PLAINTEXT";
        }
        return tls.isEnabled() ? "SSL" : "PLAINTEXT";
    }

    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    public Map<String, TopicSpec> getTopics() {
        return topics;
    }

    public void setTopics(Map<String, TopicSpec> topics) {
        this.topics = topics;
    }
}
