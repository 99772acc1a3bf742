package dev.videoplatform.operator.postgres;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** A Secret's values as text, from {@code data} or (not yet converted by the API server) {@code stringData}. */
public final class SecretValues {

    private SecretValues() {
    }

    public static Optional<String> get(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().containsKey(key)) {
            return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
        }
        return secret.getStringData() == null ? Optional.empty() : Optional.ofNullable(secret.getStringData().get(key));
    }
}
