package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Access-token signing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuthSpec {

    /** Keys of the signing-key Secret (PEM). */
    public static final String PRIVATE_KEY = "private.pem";
    public static final String PUBLIC_KEY = "public.pem";

    @JsonPropertyDescription("Secret with the RS256 signing key (keys private.pem and public.pem). If it does not "
            + "exist the operator generates an RSA 2048 key once and never replaces it. Default: <name>-jwt-signing-key.")
    private String jwtKeySecretName;

    public String getJwtKeySecretName() {
        return jwtKeySecretName;
    }

    public void setJwtKeySecretName(String jwtKeySecretName) {
        this.jwtKeySecretName = jwtKeySecretName;
    }
}
