package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** The blob volume claim. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PvcStorageSpec {

    @JsonPropertyDescription("Requested size. Default: 100Gi. Read when the claim is created; resize the claim "
            + "itself afterwards (claims only grow, and only on expandable storage classes).")
    @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
    private String size = "100Gi";

    @JsonPropertyDescription("Storage class; with accessMode ReadWriteMany it must offer shared volumes (NFS, EFS, "
            + "Filestore, Azure Files, CephFS). Default: the cluster's default class.")
    private String storageClassName;

    @JsonPropertyDescription("ReadWriteMany (default): upload, transcode and streaming share the volume from any node. "
            + "ReadWriteOnce: only where every one of their pods runs on one node (a single-node cluster).")
    private AccessMode accessMode = AccessMode.READ_WRITE_MANY;

    @JsonPropertyDescription("Delete the claim, and with it every blob, when the VideoPlatform is deleted. Default: "
            + "false, the claim is kept (no owner reference) and a VideoPlatform of the same name adopts it.")
    private boolean deleteClaim;

    public enum AccessMode {
        @JsonProperty("ReadWriteMany")
        READ_WRITE_MANY("ReadWriteMany"),
        @JsonProperty("ReadWriteOnce")
        READ_WRITE_ONCE("ReadWriteOnce");

        private final String value;

        AccessMode(String value) {
            this.value = value;
        }

        /** The claim's access mode as Kubernetes spells it. */
        public String value() {
            return value;
        }
    }

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

    public AccessMode getAccessMode() {
        return accessMode;
    }

    public void setAccessMode(AccessMode accessMode) {
        this.accessMode = accessMode;
    }

    public boolean isDeleteClaim() {
        return deleteClaim;
    }

    public void setDeleteClaim(boolean deleteClaim) {
        this.deleteClaim = deleteClaim;
    }
}
