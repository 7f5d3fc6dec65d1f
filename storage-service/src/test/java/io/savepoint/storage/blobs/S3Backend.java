package io.savepoint.storage.blobs;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Test profile: block bytes in an S3 bucket served by a real s3proxy instead of the filesystem. */
public class S3Backend implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3ProxyTestResource.class));
    }
}
