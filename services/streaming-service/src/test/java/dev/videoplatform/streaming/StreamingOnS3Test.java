package dev.videoplatform.streaming;

import dev.videoplatform.devstack.S3BlobStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** HLS delivery proxied from a bucket on S3Proxy: ranges, ETag/304, PRIVATE playback, as on a directory. */
@QuarkusTest
@TestProfile(S3BlobStoreProfile.class)
class StreamingOnS3Test extends StreamingTest {
}
