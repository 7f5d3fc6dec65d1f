package io.savepoint.storage.blobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.savepoint.storage.blobs.store.S3BlockStore;
import io.savepoint.testing.PostgresTestResource;

/** {@link BlobEngineTest}, every test, with blocks in an S3 bucket (s3proxy). */
@QuarkusTest
@TestProfile(S3Backend.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_storage"))
class S3BlobEngineTest extends BlobEngineTest {

    @Test
    void blocksAreObjectsInTheBucket() {
        assertThat(store).isInstanceOf(S3BlockStore.class);
        assertThat(store.describe()).contains(S3ProxyTestResource.BUCKET).contains("test/blocks/");
    }
}
