package dev.videoplatform.operator.strimzi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;

/** {@code spec} of a Strimzi KafkaTopic. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaTopicSpec {

    private String topicName;
    private Integer partitions;
    private Integer replicas;
    private Map<String, String> config = new TreeMap<>();

    public String getTopicName() {
        return topicName;
    }

    public void setTopicName(String topicName) {
        this.topicName = topicName;
    }

    public Integer getPartitions() {
        return partitions;
    }

    public void setPartitions(Integer partitions) {
        this.partitions = partitions;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Map<String, String> getConfig() {
        return config;
    }

    public void setConfig(Map<String, String> config) {
        this.config = config;
    }
}
