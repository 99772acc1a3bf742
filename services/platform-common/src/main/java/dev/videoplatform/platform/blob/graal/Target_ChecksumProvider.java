package dev.videoplatform.platform.blob.graal;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

/**
 * The S3 client's checksum factory names aws-crt classes directly, behind a run-time check that the
 * library is present. We do not ship aws-crt, and a native build links every type at build time, so
 * the build would stop at those names. Without aws-crt the check is always false: these bodies are
 * what the original methods do in that case (CRC32 and the JDK's CRC32C cover S3's defaults).
 */
@TargetClass(className = "software.amazon.awssdk.checksums.internal.ChecksumProvider", onlyWith = AwsCrtAbsent.class)
final class Target_ChecksumProvider {

    @Substitute
    static SdkChecksum createCrtCrc32C() {
        return null;
    }

    @Substitute
    static SdkChecksum crc64NvmeCrtImplementation() {
        throw new RuntimeException("CRC64NVME needs software.amazon.awssdk.crt:aws-crt, which this image does not contain");
    }

    @Substitute
    static SdkChecksum crtXxHash(ChecksumAlgorithm algorithm) {
        throw new RuntimeException(algorithm.algorithmId()
                + " needs software.amazon.awssdk.crt:aws-crt, which this image does not contain");
    }
}
