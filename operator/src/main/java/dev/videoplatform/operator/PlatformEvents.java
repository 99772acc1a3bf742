package dev.videoplatform.operator;

import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on a VideoPlatform ({@code kubectl describe vp} shows them). Only notable changes
 * are recorded, never a steady state, so a reconcile with nothing to do records nothing.
 */
@ApplicationScoped
public class PlatformEvents {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    static final String COMPONENT = "videoplatform-operator";

    private static final Logger LOG = Logger.getLogger(PlatformEvents.class);

    private final KubernetesClient client;

    PlatformEvents(KubernetesClient client) {
        this.client = client;
    }

    public void record(VideoPlatform platform, String type, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(platform.getMetadata().getName() + "." + UUID.randomUUID())
                .withNamespace(platform.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(platform.getApiVersion())
                        .withKind(platform.getKind())
                        .withName(platform.getMetadata().getName())
                        .withNamespace(platform.getMetadata().getNamespace())
                        .withUid(platform.getMetadata().getUid())
                        .withResourceVersion(platform.getMetadata().getResourceVersion())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(platform.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // An event is a courtesy to the reader; failing to record one must not fail a reconcile.
            LOG.warnf("Could not record event %s on %s: %s", reason, platform.getMetadata().getName(), e.getMessage());
        }
    }
}
