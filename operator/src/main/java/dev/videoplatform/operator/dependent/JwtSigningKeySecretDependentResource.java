package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.PlatformEvents;
import dev.videoplatform.operator.crd.AuthSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The RS256 signing key of access tokens. Created once, when no Secret of that name exists, and never
 * updated: replacing the key would invalidate every token in circulation, so rotation is a deliberate
 * act (delete the Secret), not something a reconcile does. A Secret the platform engineer made under
 * the configured name is used as it is.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.MANAGED_BY_SELECTOR))
public class JwtSigningKeySecretDependentResource extends KubernetesDependentResource<Secret, VideoPlatform>
        implements Creator<Secret, VideoPlatform>, GarbageCollected<VideoPlatform> {

    private static final int KEY_SIZE = 2048;

    @Inject
    PlatformEvents events;

    public JwtSigningKeySecretDependentResource() {
        super(Secret.class);
    }

    @Override
    protected ReconcileResult<Secret> reconcile(VideoPlatform platform, Secret cached, Context<VideoPlatform> context) {
        if (cached == null) {
            // Not among the operator's own Secrets: it may still be one the platform engineer provided.
            Secret existing = context.getClient().secrets().inNamespace(platform.getMetadata().getNamespace())
                    .withName(PlatformObjects.jwtSecretName(platform)).get();
            if (existing != null) {
                return ReconcileResult.noOperation(existing);
            }
        }
        return super.reconcile(platform, cached, context);
    }

    @Override
    protected Secret desired(VideoPlatform platform, Context<VideoPlatform> context) {
        KeyPair keyPair = generateKeyPair();
        Map<String, String> data = new TreeMap<>();
        data.put(AuthSpec.PRIVATE_KEY, base64(pem("PRIVATE KEY", keyPair.getPrivate().getEncoded())));
        data.put(AuthSpec.PUBLIC_KEY, base64(pem("PUBLIC KEY", keyPair.getPublic().getEncoded())));
        return new SecretBuilder()
                .withMetadata(PlatformObjects.metadata(platform, PlatformObjects.jwtSecretName(platform),
                        PlatformObjects.labels(platform, "jwt-signing-key")))
                .withType("Opaque")
                .withData(data)
                .build();
    }

    /** Selecting by name spares generating a key pair on every reconcile just to learn the Secret's name. */
    @Override
    protected ResourceID targetSecondaryResourceID(VideoPlatform platform, Context<VideoPlatform> context) {
        return PlatformObjects.id(platform, PlatformObjects.jwtSecretName(platform));
    }

    @Override
    protected void onCreated(VideoPlatform platform, Secret created, Context<VideoPlatform> context) {
        super.onCreated(platform, created, context);
        events.record(platform, PlatformEvents.NORMAL, "JwtSigningKeyGenerated",
                "Generated an RSA " + KEY_SIZE + " token signing key in Secret " + created.getMetadata().getName());
    }

    private static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is required of every JVM", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
