package io.savepoint.storage.blobs.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.savepoint.storage.StorageConfig;

/** Choosing the S3 backend without a bucket or credentials fails at startup, naming every missing setting. */
class S3BlockStoreConfigTest {

    record Settings(Optional<URI> endpoint, String region, Optional<String> bucket, Optional<String> accessKeyId,
            Optional<String> secretAccessKey, boolean pathStyle, Optional<String> prefix, Duration connectTimeout,
            Duration readTimeout) implements StorageConfig.S3 {
    }

    static Settings settings(String bucket, String accessKeyId, String secretAccessKey) {
        return new Settings(Optional.of(URI.create("http://127.0.0.1:1")), "us-east-1", Optional.ofNullable(bucket),
                Optional.ofNullable(accessKeyId), Optional.ofNullable(secretAccessKey), true, Optional.empty(),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void missingBucketAndCredentialsAreNamed() {
        assertThatThrownBy(() -> S3BlockStore.create(settings(null, null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SAVEPOINT_STORAGE_S3_BUCKET")
                .hasMessageContaining("SAVEPOINT_STORAGE_S3_ACCESS_KEY_ID")
                .hasMessageContaining("SAVEPOINT_STORAGE_S3_SECRET_ACCESS_KEY");
        assertThatThrownBy(() -> S3BlockStore.create(settings(" ", "key", "secret")))
                .hasMessage("savepoint.storage.backend=s3 needs savepoint.storage.s3.bucket (SAVEPOINT_STORAGE_S3_BUCKET)");
        assertThatThrownBy(() -> S3BlockStore.create(settings("bucket", "key", "")))
                .hasMessageNotContaining("SAVEPOINT_STORAGE_S3_BUCKET").hasMessageContaining("SAVEPOINT_STORAGE_S3_SECRET_ACCESS_KEY");
    }

    @Test
    void aCompleteConfigurationBuildsWithoutCallingTheStore() {
        S3BlockStore.create(settings("bucket", "key", "secret")).close();
    }
}
