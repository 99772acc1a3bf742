package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.crd.PvcStorageSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claim holding blobs when storage is {@code pvc}. Its spec is written once: a claim's class and
 * access modes are immutable and its size only grows where the storage class allows, so resizing
 * stays a deliberate edit of the claim. Only its ownership follows the spec afterwards: like
 * Strimzi's {@code deleteClaim}, the claim carries an owner reference (and goes with the
 * VideoPlatform) only when {@code spec.storage.pvc.deleteClaim} is true; otherwise it outlives the
 * VideoPlatform, and one of the same name takes it over. Switching to s3 leaves it alone.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.MANAGED_BY_SELECTOR))
public class BlobClaimDependentResource extends KubernetesDependentResource<PersistentVolumeClaim, VideoPlatform>
        implements Creator<PersistentVolumeClaim, VideoPlatform>, Updater<PersistentVolumeClaim, VideoPlatform>,
        SecondaryToPrimaryMapper<PersistentVolumeClaim> {

    public BlobClaimDependentResource() {
        super(PersistentVolumeClaim.class);
    }

    @Override
    protected PersistentVolumeClaim desired(VideoPlatform platform, Context<VideoPlatform> context) {
        PvcStorageSpec pvc = platform.getSpec().getStorage().getPvc();
        return new PersistentVolumeClaimBuilder()
                .withMetadata(PlatformObjects.metadata(platform, PlatformObjects.blobClaimName(platform),
                        PlatformObjects.labels(platform, "blob-storage")))
                .withNewSpec()
                .withAccessModes(pvc.getAccessMode().value())
                .withStorageClassName(pvc.getStorageClassName())
                .withNewResources().addToRequests("storage", new Quantity(pvc.getSize())).endResources()
                .endSpec()
                .build();
    }

    /** Owned only when the claim is to be deleted with the platform. */
    @Override
    protected void addReferenceHandlingMetadata(PersistentVolumeClaim claim, VideoPlatform platform) {
        if (owned(platform)) {
            claim.addOwnerReference(platform);
        }
    }

    /** Up to date when its ownership is what deleteClaim asks for; the spec is never compared (see above). */
    @Override
    public Result<PersistentVolumeClaim> match(PersistentVolumeClaim actual, PersistentVolumeClaim desired,
            VideoPlatform platform, Context<VideoPlatform> context) {
        List<String> owners = actual.getMetadata().getOwnerReferences().stream().map(OwnerReference::getUid).toList();
        List<String> wanted = owned(platform) ? List.of(platform.getMetadata().getUid()) : List.of();
        return Result.computed(owners.equals(wanted), desired);
    }

    /** Changes the owner reference alone: the rest of an existing claim is never written (see above). */
    @Override
    public PersistentVolumeClaim update(PersistentVolumeClaim actual, PersistentVolumeClaim desired,
            VideoPlatform platform, Context<VideoPlatform> context) {
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder(actual).editMetadata()
                .withOwnerReferences().endMetadata().build();
        addReferenceHandlingMetadata(claim, platform);
        return context.getClient().resource(claim).update();
    }

    /** A kept claim has no owner reference; the instance label names its platform. */
    @Override
    public Set<ResourceID> toPrimaryResourceIDs(PersistentVolumeClaim claim) {
        Map<String, String> labels = claim.getMetadata().getLabels();
        String instance = labels != null ? labels.get(PlatformObjects.LABEL_INSTANCE) : null;
        return instance == null ? Set.of() : Set.of(new ResourceID(instance, claim.getMetadata().getNamespace()));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(VideoPlatform platform, Context<VideoPlatform> context) {
        return PlatformObjects.id(platform, PlatformObjects.blobClaimName(platform));
    }

    private static boolean owned(VideoPlatform platform) {
        return platform.getSpec().getStorage().getPvc().isDeleteClaim();
    }
}
