package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.Map;
import java.util.TreeMap;

/**
 * PostgreSQL: where each service's database is and with which login it connects. A service's
 * credentials come from its own Secret in {@code serviceSecrets}, else from the Secret the operator
 * generates when it holds an admin credential ({@code adminSecretName}), else from the shared
 * {@code secretName}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresSpec {

    /** Keys of every connection Secret (shared, per service, admin). */
    public static final String HOST_KEY = "host";
    public static final String PORT_KEY = "port";
    public static final String USERNAME_KEY = "username";
    public static final String PASSWORD_KEY = "password";
    /** Optional key of the admin Secret: the database the operator connects to. */
    public static final String ADMIN_DATABASE_KEY = "database";

    public enum SslMode {
        @JsonProperty("disable")
        DISABLE("disable"),
        @JsonProperty("allow")
        ALLOW("allow"),
        @JsonProperty("prefer")
        PREFER("prefer"),
        @JsonProperty("require")
        REQUIRE("require");

        private final String value;

        SslMode(String value) {
            this.value = value;
        }

        /** As both the JDBC driver ({@code sslmode}) and the reactive client ({@code ssl-mode}) spell it. */
        public String value() {
            return value;
        }
    }

    @JsonPropertyDescription("Secret in the platform's namespace with keys host, port, username and password, shared by "
            + "every service that has neither its own Secret in serviceSecrets nor one the operator generates. "
            + "Default: videoplatform-postgres.")
    private String secretName = "videoplatform-postgres";

    @JsonPropertyDescription("Secret with an admin login (keys host, port, username, password; optional database, "
            + "default postgres) that may create databases and roles (CREATEDB, CREATEROLE). When set, the operator "
            + "creates each service's database and a login owning it alone, with a generated password in the Secret "
            + "<name>-<service>-postgres; the services never see the admin login. Unset: the databases must exist.")
    private String adminSecretName;

    @JsonPropertyDescription("TLS to PostgreSQL, for the services and the operator: disable, allow, prefer or "
            + "require. Default: prefer.")
    private SslMode sslMode = SslMode.PREFER;

    @JsonPropertyDescription("A service's own Secret (keys host, port, username, password), keyed by service name "
            + "(user, upload, search, comment, analytics, notification, admin); its database is then not created "
            + "by the operator.")
    @Size(max = 10)
    private Map<String, String> serviceSecrets = new TreeMap<>();

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public String getAdminSecretName() {
        return adminSecretName;
    }

    public void setAdminSecretName(String adminSecretName) {
        this.adminSecretName = adminSecretName;
    }

    /** True when the operator creates the databases with an admin login. */
    public boolean createsDatabases() {
        return adminSecretName != null && !adminSecretName.isBlank();
    }

    public SslMode getSslMode() {
        return sslMode;
    }

    public void setSslMode(SslMode sslMode) {
        this.sslMode = sslMode;
    }

    public Map<String, String> getServiceSecrets() {
        return serviceSecrets;
    }

    public void setServiceSecrets(Map<String, String> serviceSecrets) {
        this.serviceSecrets = serviceSecrets;
    }
}
