package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An S3-compatible bucket. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class S3StorageSpec {

    public static final String ACCESS_KEY_ID_KEY = "accessKeyId";
    public static final String SECRET_ACCESS_KEY_KEY = "secretAccessKey";

    @JsonPropertyDescription("Endpoint URL; empty for AWS S3 itself.")
    private String endpoint;

    @JsonPropertyDescription("Bucket name.")
    private String bucket;

    @JsonPropertyDescription("Region. Default: us-east-1.")
    private String region = "us-east-1";

    @JsonPropertyDescription("Secret with keys accessKeyId and secretAccessKey. Default: videoplatform-s3.")
    private String credentialsSecretName = "videoplatform-s3";

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getCredentialsSecretName() {
        return credentialsSecretName;
    }

    public void setCredentialsSecretName(String credentialsSecretName) {
        this.credentialsSecretName = credentialsSecretName;
    }
}
