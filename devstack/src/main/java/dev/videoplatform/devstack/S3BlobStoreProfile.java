package dev.videoplatform.devstack;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/**
 * Test profile that runs a service's {@code @QuarkusTest} suite again with its blob store on S3:
 * {@code @TestProfile(S3BlobStoreProfile.class) class XOnS3Test extends XTest {}}.
 */
public class S3BlobStoreProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3BlobStoreResource.class));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
