package io.savepoint.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.savepoint.testing.DevTokens;
import io.savepoint.testing.Peers;
import io.savepoint.testing.RepoPaths;
import io.savepoint.testing.ServicePeer;

/** The packaged jar in the production profile refuses to start without the settings it cannot run safely without. */
class ProductionStartupIT {

    @Test
    void missingJwtKeyStopsStartupWithTheSettingNamed() {
        assertThat(startupOutputWithout("mp.jwt.verify.publickey.location")).contains("No JWT verification key configured")
                .contains("SAVEPOINT_JWT_PUBLIC_KEY_LOCATION");
    }

    @Test
    void unreadableJwtKeyFileStopsStartup() {
        assertThat(startupOutputWith("mp.jwt.verify.publickey.location", "/nonexistent/key.pem"))
                .contains("/nonexistent/key.pem is not readable").contains("SAVEPOINT_JWT_PUBLIC_KEY_LOCATION");
    }

    @Test
    void missingServiceSecretStopsStartup() {
        assertThat(startupOutputWithout("savepoint.service-auth.secret")).contains("savepoint.service-auth.secret");
    }

    @Test
    void missingDownloadUriSecretStopsStartupWithTheSettingNamed() {
        assertThat(startupOutputWithout("savepoint.download-uris.secret")).contains("savepoint.download-uris.secret")
                .contains("SAVEPOINT_DOWNLOAD_URIS_SECRET");
    }

    /** The settings metadata-service cannot start without in the production profile, each set to a working value. */
    private static Map<String, String> required() {
        return new HashMap<>(Map.of(
                "mp.jwt.verify.issuer", DevTokens.ISSUER,
                "mp.jwt.verify.publickey.location", RepoPaths.devPublicKey().toString(),
                "savepoint.service-auth.secret", ServicePeer.SERVICE_SECRET,
                "savepoint.download-uris.secret", ServicePeer.DOWNLOAD_URI_SECRET));
    }

    private static String startupOutputWithout(String setting) {
        Map<String, String> config = required();
        config.remove(setting);
        return Peers.failedStartupOutput("metadata-service", "savepoint_metadata", config);
    }

    private static String startupOutputWith(String setting, String value) {
        Map<String, String> config = required();
        config.put(setting, value);
        return Peers.failedStartupOutput("metadata-service", "savepoint_metadata", config);
    }
}
