package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** An SMTP relay; its credentials stay in a Secret and reach the pod as secretKeyRefs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SmtpSpec {

    public static final String USERNAME_KEY = "username";
    public static final String PASSWORD_KEY = "password";

    public enum TlsMode {
        /** Plain SMTP (a relay inside the cluster). */
        @JsonProperty("none")
        NONE,
        /** Plain connection upgraded with STARTTLS, which must succeed (submission, port 587). */
        @JsonProperty("starttls")
        STARTTLS,
        /** TLS from the first byte (SMTPS, port 465). */
        @JsonProperty("tls")
        TLS
    }

    @JsonPropertyDescription("Host name of the SMTP server.")
    @Required
    private String host;

    @JsonPropertyDescription("Port. Default: 587.")
    @Min(1)
    @Max(65535)
    private int port = 587;

    @JsonPropertyDescription("Sender of the emails, e.g. 'VideoPlatform <notifications@videos.example.com>'. "
            + "Default: the service's own.")
    private String from;

    @JsonPropertyDescription("none, starttls (required, not opportunistic) or tls (SMTPS). Default: starttls.")
    private TlsMode tlsMode = TlsMode.STARTTLS;

    @JsonPropertyDescription("Secret with keys username and password for SMTP AUTH; none: no authentication.")
    private String secretName;

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public TlsMode getTlsMode() {
        return tlsMode;
    }

    public void setTlsMode(TlsMode tlsMode) {
        this.tlsMode = tlsMode;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }
}
