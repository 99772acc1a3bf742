package dev.videoplatform.operator.storage;

import dev.videoplatform.operator.crd.PvcStorageSpec;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the operator can tell about a blob claim before making it. Whether a class offers
 * ReadWriteMany is up to its provisioner, and Kubernetes says so nowhere but in a claim left Pending;
 * so the check is: the class named (or the cluster's default) exists, and, when ReadWriteMany is
 * asked for, its provisioner is not one of the well-known block-storage ones that never offer it.
 */
public final class SharedVolumeCheck {

    static final String DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

    /** Provisioners of block devices (and node-local paths): ReadWriteOnce only. */
    static final Set<String> BLOCK_PROVISIONERS = Set.of(
            "kubernetes.io/aws-ebs", "ebs.csi.aws.com",
            "kubernetes.io/gce-pd", "pd.csi.storage.gke.io",
            "kubernetes.io/azure-disk", "disk.csi.azure.com",
            "kubernetes.io/cinder", "cinder.csi.openstack.org",
            "dobs.csi.digitalocean.com", "csi.hetzner.cloud",
            "rancher.io/local-path", "kubernetes.io/no-provisioner");

    private SharedVolumeCheck() {
    }

    /**
     * The problem with the claim {@code pvc} describes, naming the field to change; empty when there
     * is none, or when the operator may not read StorageClasses (cluster-scoped: an install that
     * grants it namespaced rights only), since then it cannot judge.
     */
    public static Optional<String> problem(KubernetesClient client, PvcStorageSpec pvc) {
        try {
            return check(client, pvc);
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Optional<String> check(KubernetesClient client, PvcStorageSpec pvc) {
        String named = pvc.getStorageClassName();
        Optional<StorageClass> storageClass;
        String field;
        if (named != null && !named.isBlank()) {
            field = "spec.storage.pvc.storageClassName: StorageClass '" + named + "'";
            storageClass = Optional.ofNullable(client.storage().v1().storageClasses().withName(named).get());
            if (storageClass.isEmpty()) {
                return Optional.of(field + " does not exist; name one that does, or set spec.storage.type s3");
            }
        } else {
            storageClass = client.storage().v1().storageClasses().list().getItems().stream()
                    .filter(SharedVolumeCheck::isDefault).findFirst();
            if (storageClass.isEmpty()) {
                return Optional.of("spec.storage.pvc.storageClassName is unset and the cluster has no default "
                        + "StorageClass; name one, or set spec.storage.type s3");
            }
            field = "spec.storage.pvc.storageClassName: the default StorageClass '"
                    + storageClass.get().getMetadata().getName() + "'";
        }
        String provisioner = storageClass.get().getProvisioner();
        if (pvc.getAccessMode() == PvcStorageSpec.AccessMode.READ_WRITE_MANY && BLOCK_PROVISIONERS.contains(provisioner)) {
            return Optional.of(field + " (provisioner " + provisioner + ") offers no ReadWriteMany volumes, which "
                    + "upload, transcode and streaming share across nodes; name a shared-file class (NFS, EFS, "
                    + "Filestore, Azure Files, CephFS), set spec.storage.type s3, or, on a single node, "
                    + "spec.storage.pvc.accessMode ReadWriteOnce");
        }
        return Optional.empty();
    }

    private static boolean isDefault(StorageClass storageClass) {
        Map<String, String> annotations = storageClass.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(DEFAULT_CLASS_ANNOTATION));
    }
}
