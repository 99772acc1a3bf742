package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.PlatformEvents;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HMAC keys services sign with: page tokens (every service), upload URLs (upload), playback
 * tokens of PRIVATE videos (streaming) and service identity tokens for internal RPCs (every
 * service). Each is made once with 256 random bits and never changed, since a new key would
 * invalidate every page token and upload URL handed out; rotation is deleting the Secret. A key
 * missing from an existing Secret (one made by an older operator) is added, the others kept.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.MANAGED_BY_SELECTOR))
public class PlatformKeysSecretDependentResource extends KubernetesDependentResource<Secret, VideoPlatform>
        implements Creator<Secret, VideoPlatform>, Updater<Secret, VideoPlatform>, GarbageCollected<VideoPlatform> {

    public static final String PAGE_TOKEN_KEY = "page-token-secret";
    public static final String UPLOAD_URL_KEY = "upload-url-secret";
    public static final String PLAYBACK_TOKEN_KEY = "playback-token-secret";
    public static final String SERVICE_IDENTITY_KEY = "service-identity-key";
    private static final List<String> KEYS = List.of(PAGE_TOKEN_KEY, UPLOAD_URL_KEY, PLAYBACK_TOKEN_KEY, SERVICE_IDENTITY_KEY);

    @Inject
    PlatformEvents events;

    public PlatformKeysSecretDependentResource() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(VideoPlatform platform, Context<VideoPlatform> context) {
        Map<String, String> data = new TreeMap<>(getSecondaryResource(platform, context)
                .map(Secret::getData).orElse(Map.of()));
        KEYS.forEach(key -> data.computeIfAbsent(key, k -> randomKey()));
        return new SecretBuilder()
                .withMetadata(PlatformObjects.metadata(platform, PlatformObjects.platformKeysSecretName(platform),
                        PlatformObjects.labels(platform, "platform-keys")))
                .withType("Opaque")
                .withData(data)
                .build();
    }

    /** Up to date when every key is there: existing keys are never compared, let alone replaced. */
    @Override
    public Result<Secret> match(Secret actual, Secret desired, VideoPlatform platform, Context<VideoPlatform> context) {
        Map<String, String> data = actual.getData() == null ? Map.of() : actual.getData();
        return Result.computed(data.keySet().containsAll(KEYS), desired);
    }

    /** Selecting by name spares drawing random keys on every reconcile just to learn the Secret's name. */
    @Override
    protected ResourceID targetSecondaryResourceID(VideoPlatform platform, Context<VideoPlatform> context) {
        return PlatformObjects.id(platform, PlatformObjects.platformKeysSecretName(platform));
    }

    @Override
    protected void onCreated(VideoPlatform platform, Secret created, Context<VideoPlatform> context) {
        super.onCreated(platform, created, context);
        events.record(platform, PlatformEvents.NORMAL, "PlatformKeysGenerated",
                "Generated the page-token, upload-URL, playback-token and service-identity keys in Secret " + created.getMetadata().getName());
    }

    /**
     * 32 random bytes, as base64 text (the services read the key as a string), base64-encoded for
     * the Secret. A generator per call: keys are made a few times per platform, and a static one
     * would be seeded once at native-image build time and shared by every operator binary.
     */
    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Base64.Encoder base64 = Base64.getEncoder();
        return base64.encodeToString(base64.encode(key));
    }
}
