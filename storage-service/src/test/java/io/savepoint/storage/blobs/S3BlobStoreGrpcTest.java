package io.savepoint.storage.blobs;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.savepoint.testing.PostgresTestResource;

/** {@link BlobStoreGrpcTest}, every test, with blocks in an S3 bucket (s3proxy). */
@QuarkusTest
@TestProfile(S3Backend.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_storage"))
class S3BlobStoreGrpcTest extends BlobStoreGrpcTest {
}
