package io.savepoint.storage;

import org.junit.jupiter.api.Test;

import io.savepoint.protocol.ServiceAuthConfig;
import io.savepoint.testing.ConfigurationDoc;

/** docs/configuration.md, storage-service's settings and its application.properties agree (see {@link ConfigurationDoc}). */
class ConfigurationDocTest {

    @Test
    void theConfigurationPageMatchesTheCode() {
        ConfigurationDoc.of("storage", ServiceAuthConfig.class).check();
    }
}
