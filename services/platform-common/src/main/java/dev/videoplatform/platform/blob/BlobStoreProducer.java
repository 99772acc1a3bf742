package dev.videoplatform.platform.blob;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Makes the configured {@link BlobStore} injectable. */
public class BlobStoreProducer {

    @ConfigMapping(prefix = "videoplatform.blob")
    public interface BlobConfig {
        /** Root directory of the filesystem store (a ReadWriteMany volume in Kubernetes). */
        @WithDefault(".devstack/blobs")
        String root();
    }

    @Produces
    @ApplicationScoped
    BlobStore blobStore(BlobConfig config) {
        try {
            return new FilesystemBlobStore(Path.of(config.root()));
        } catch (IOException e) {
            throw new UncheckedIOException("blob store root " + config.root() + " is not usable", e);
        }
    }
}
