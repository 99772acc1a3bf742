package dev.videoplatform.platform.blob;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Makes the configured {@link BlobStore} injectable: a directory by default, an S3 bucket when chosen. */
public class BlobStoreProducer {

    public enum Backend {
        FILESYSTEM,
        S3
    }

    @ConfigMapping(prefix = "videoplatform.blob")
    public interface BlobConfig {
        @WithDefault("filesystem")
        Backend backend();

        /**
         * Root directory of the filesystem store (a ReadWriteMany volume in Kubernetes); with S3,
         * the local directory for scratch work only.
         */
        @WithDefault(".devstack/blobs")
        String root();

        S3Config s3();
    }

    public interface S3Config {
        Optional<String> bucket();

        /** For MinIO, Ceph RGW, GCS interoperability, S3Proxy; AWS's own endpoint when absent. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** {@code https://endpoint/bucket/key} instead of {@code https://bucket.endpoint/key}. */
        @WithDefault("false")
        boolean pathStyle();

        /** Static credentials; the SDK's default chain (environment, web identity, instance role) when absent. */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();
    }

    @Produces
    @ApplicationScoped
    BlobStore blobStore(BlobConfig config) {
        return open(config);
    }

    /** The store a configuration names (also for tools and tests outside CDI). */
    public static BlobStore open(BlobConfig config) {
        try {
            return switch (config.backend()) {
                case FILESYSTEM -> new FilesystemBlobStore(Path.of(config.root()));
                case S3 -> new S3BlobStore(client(config.s3()), presigner(config.s3()), config.s3().bucket().orElseThrow(
                        () -> new IllegalStateException("videoplatform.blob.s3.bucket is required with the s3 backend")),
                        Path.of(config.root()).resolve(".scratch"));
            };
        } catch (IOException e) {
            throw new UncheckedIOException("blob store directory " + config.root() + " is not usable", e);
        }
    }

    void close(@Disposes BlobStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * The S3 client for a configuration. Checksums only where an operation requires them, and
     * there as Content-MD5 (DeleteObjects): S3 itself accepts the SDK's newer CRC headers and
     * trailers, but several S3-compatible servers (S3Proxy, older MinIO and Ceph) answer 501.
     */
    public static S3Client client(S3Config config) {
        S3ClientBuilder builder = S3Client.builder().region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .addPlugin(LegacyMd5Plugin.create())
                .credentialsProvider(credentials(config));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Presigns URLs for the same endpoint, addressing style and credentials as {@link #client}. */
    public static S3Presigner presigner(S3Config config) {
        S3Presigner.Builder builder = S3Presigner.builder().region(Region.of(config.region()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build())
                .credentialsProvider(credentials(config));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Config config) {
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId().get(),
                    config.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
