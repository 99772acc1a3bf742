package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** The blob volume claim. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PvcStorageSpec {

    @JsonPropertyDescription("Requested size. Default: 100Gi. Read when the claim is created; resize the claim "
            + "itself afterwards (claims only grow, and only on expandable storage classes).")
    @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
    private String size = "100Gi";

    @JsonPropertyDescription("Storage class; it must support ReadWriteMany. Default: the cluster's default class.")
    private String storageClassName;

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }
}
