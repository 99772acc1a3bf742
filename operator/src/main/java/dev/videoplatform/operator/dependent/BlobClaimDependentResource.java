package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.crd.PvcStorageSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The ReadWriteMany claim holding blobs when storage is {@code pvc}. Created, never updated: a claim's
 * class and access modes are immutable and its size only grows where the storage class allows, so
 * resizing stays a deliberate edit of the claim. Switching to s3 leaves the claim (and its data) alone.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PlatformObjects.MANAGED_BY_SELECTOR))
public class BlobClaimDependentResource extends KubernetesDependentResource<PersistentVolumeClaim, VideoPlatform>
        implements Creator<PersistentVolumeClaim, VideoPlatform>, GarbageCollected<VideoPlatform> {

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
                .withAccessModes("ReadWriteMany")
                .withStorageClassName(pvc.getStorageClassName())
                .withNewResources().addToRequests("storage", new Quantity(pvc.getSize())).endResources()
                .endSpec()
                .build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(VideoPlatform platform, Context<VideoPlatform> context) {
        return PlatformObjects.id(platform, PlatformObjects.blobClaimName(platform));
    }
}
