package io.savepoint.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.savepoint.testing.DevTokens;
import io.savepoint.testing.Peers;
import io.savepoint.testing.RepoPaths;
import io.savepoint.testing.ServicePeer;

/** The packaged jar in the production profile refuses to start with an S3 backend it cannot use. */
class ProductionStartupIT {

    @Test
    void s3BackendWithoutBucketOrCredentialsStopsStartupWithEachSettingNamed() {
        String output = Peers.failedStartupOutput("storage-service", "savepoint_storage", Map.of(
                "mp.jwt.verify.issuer", DevTokens.ISSUER,
                "mp.jwt.verify.publickey.location", RepoPaths.devPublicKey().toString(),
                "savepoint.service-auth.secret", ServicePeer.SERVICE_SECRET,
                "savepoint.storage.backend", "s3"));
        assertThat(output).contains("savepoint.storage.backend=s3 needs")
                .contains("SAVEPOINT_STORAGE_S3_BUCKET").contains("SAVEPOINT_STORAGE_S3_ACCESS_KEY_ID")
                .contains("SAVEPOINT_STORAGE_S3_SECRET_ACCESS_KEY");
    }
}
