package dev.videoplatform.operator.dependent;

import dev.videoplatform.operator.crd.StorageSpec;
import dev.videoplatform.operator.crd.VideoPlatform;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Activates the blob claim when storage is {@code pvc}; switching to s3 deactivates it without deleting it. */
public class PvcStorageCondition implements Condition<Object, VideoPlatform> {

    @Override
    public boolean isMet(DependentResource<Object, VideoPlatform> dependentResource, VideoPlatform platform,
            Context<VideoPlatform> context) {
        return platform.getSpec().getStorage().getType() == StorageSpec.StorageType.PVC;
    }
}
