package io.savepoint.transfer;

import org.junit.jupiter.api.Test;

import io.savepoint.protocol.ServiceAuthConfig;
import io.savepoint.testing.ConfigurationDoc;

/** docs/configuration.md, transfer-service's settings and its application.properties agree (see {@link ConfigurationDoc}). */
class ConfigurationDocTest {

    @Test
    void theConfigurationPageMatchesTheCode() {
        ConfigurationDoc.of("transfer", ServiceAuthConfig.class).check();
    }
}
