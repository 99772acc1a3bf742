package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Where raw uploads, HLS renditions and thumbnails live. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.type) || self.type != 's3' || (has(self.s3) && has(self.s3.bucket))",
        message = "storage.type s3 needs storage.s3.bucket")
public class StorageSpec {

    public enum StorageType {
        /** A ReadWriteMany PersistentVolumeClaim mounted by upload, transcode and streaming. */
        @JsonProperty("pvc")
        PVC,
        /** An S3-compatible object store. */
        @JsonProperty("s3")
        S3
    }

    @JsonPropertyDescription("pvc or s3. Default: pvc.")
    private StorageType type = StorageType.PVC;

    @JsonPropertyDescription("The claim created when type is pvc.")
    private PvcStorageSpec pvc = new PvcStorageSpec();

    @JsonPropertyDescription("The bucket used when type is s3.")
    private S3StorageSpec s3;

    public StorageType getType() {
        return type;
    }

    public void setType(StorageType type) {
        this.type = type;
    }

    public PvcStorageSpec getPvc() {
        return pvc;
    }

    public void setPvc(PvcStorageSpec pvc) {
        this.pvc = pvc;
    }

    public S3StorageSpec getS3() {
        return s3;
    }

    public void setS3(S3StorageSpec s3) {
        this.s3 = s3;
    }
}
