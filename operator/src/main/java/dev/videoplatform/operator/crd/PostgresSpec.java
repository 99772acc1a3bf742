package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** PostgreSQL connection, read from a Secret the platform engineer provides. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresSpec {

    /** Keys the connection Secret must have. */
    public static final String HOST_KEY = "host";
    public static final String PORT_KEY = "port";
    public static final String USERNAME_KEY = "username";
    public static final String PASSWORD_KEY = "password";

    @JsonPropertyDescription("Secret in the platform's namespace with keys host, port, username and password; each "
            + "service connects to its own database on that server. Default: videoplatform-postgres.")
    private String secretName = "videoplatform-postgres";

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }
}
