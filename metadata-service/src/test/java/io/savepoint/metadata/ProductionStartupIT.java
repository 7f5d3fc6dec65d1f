package io.savepoint.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.savepoint.testing.DevTokens;
import io.savepoint.testing.Peers;
import io.savepoint.testing.RepoPaths;
import io.savepoint.testing.ServicePeer;
import io.savepoint.testing.TestDatabase;

/** The packaged jar in the production profile refuses to start without the settings it cannot run safely without. */
class ProductionStartupIT {

    @Test
    void missingJwtKeyStopsStartupWithTheSettingNamed() {
        try (TestDatabase db = TestDatabase.create("savepoint_metadata")) {
            String output = ServicePeer.failedStartupOutput("metadata-service", Peers.with(db, Map.of(
                    "mp.jwt.verify.issuer", DevTokens.ISSUER,
                    "savepoint.service-auth.secret", ServicePeer.SERVICE_SECRET,
                    "savepoint.download-uris.secret", ServicePeer.DOWNLOAD_URI_SECRET)));
            assertThat(output).contains("No JWT verification key configured").contains("SAVEPOINT_JWT_PUBLIC_KEY_LOCATION");
        }
    }

    @Test
    void unreadableJwtKeyFileStopsStartup() {
        try (TestDatabase db = TestDatabase.create("savepoint_metadata")) {
            String output = ServicePeer.failedStartupOutput("metadata-service", Peers.with(db, Map.of(
                    "mp.jwt.verify.issuer", DevTokens.ISSUER,
                    "mp.jwt.verify.publickey.location", "/nonexistent/key.pem",
                    "savepoint.service-auth.secret", ServicePeer.SERVICE_SECRET,
                    "savepoint.download-uris.secret", ServicePeer.DOWNLOAD_URI_SECRET)));
            assertThat(output).contains("/nonexistent/key.pem is not readable").contains("SAVEPOINT_JWT_PUBLIC_KEY_LOCATION");
        }
    }

    @Test
    void missingServiceSecretStopsStartup() {
        try (TestDatabase db = TestDatabase.create("savepoint_metadata")) {
            String output = ServicePeer.failedStartupOutput("metadata-service", Peers.with(db, Map.of(
                    "mp.jwt.verify.issuer", DevTokens.ISSUER,
                    "mp.jwt.verify.publickey.location", RepoPaths.devPublicKey().toString(),
                    "savepoint.download-uris.secret", ServicePeer.DOWNLOAD_URI_SECRET)));
            assertThat(output).contains("savepoint.service-auth.secret");
        }
    }

    @Test
    void missingDownloadUriSecretStopsStartupWithTheSettingNamed() {
        try (TestDatabase db = TestDatabase.create("savepoint_metadata")) {
            String output = ServicePeer.failedStartupOutput("metadata-service", Peers.with(db, Map.of(
                    "mp.jwt.verify.issuer", DevTokens.ISSUER,
                    "mp.jwt.verify.publickey.location", RepoPaths.devPublicKey().toString(),
                    "savepoint.service-auth.secret", ServicePeer.SERVICE_SECRET)));
            assertThat(output).contains("savepoint.download-uris.secret").contains("SAVEPOINT_DOWNLOAD_URIS_SECRET");
        }
    }
}
