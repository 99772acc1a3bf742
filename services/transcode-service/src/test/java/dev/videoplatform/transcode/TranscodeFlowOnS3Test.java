package dev.videoplatform.transcode;

import dev.videoplatform.devstack.S3BlobStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The storage-facing transcode flow with raw uploads read from, and ladders published to, a bucket on S3Proxy. */
@QuarkusTest
@TestProfile(S3BlobStoreProfile.class)
class TranscodeFlowOnS3Test extends StorageFlowTest {
}
