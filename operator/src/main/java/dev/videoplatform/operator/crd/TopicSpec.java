package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** Overrides for one topic; null fields keep the topic catalog's defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TopicSpec {

    @JsonPropertyDescription("Number of partitions (can only grow once the topic exists).")
    @Min(1)
    private Integer partitions;

    @JsonPropertyDescription("Replication factor.")
    @Min(1)
    private Integer replicas;

    @JsonPropertyDescription("retention.ms; -1 keeps records forever.")
    @Min(-1)
    private Long retentionMs;

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

    public Long getRetentionMs() {
        return retentionMs;
    }

    public void setRetentionMs(Long retentionMs) {
        this.retentionMs = retentionMs;
    }
}
