package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Redis connection, read from a Secret the platform engineer provides. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RedisSpec {

    public static final String URL_KEY = "url";

    @JsonPropertyDescription("Secret in the platform's namespace with key url (redis://[:password@]host:port). "
            + "Default: videoplatform-redis.")
    private String secretName = "videoplatform-redis";

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }
}
