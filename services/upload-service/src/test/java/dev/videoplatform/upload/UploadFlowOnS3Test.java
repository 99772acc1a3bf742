package dev.videoplatform.upload;

import dev.videoplatform.devstack.S3BlobStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The upload flow with completed uploads stored in a bucket on S3Proxy. */
@QuarkusTest
@TestProfile(S3BlobStoreProfile.class)
class UploadFlowOnS3Test extends UploadFlowTest {
}
