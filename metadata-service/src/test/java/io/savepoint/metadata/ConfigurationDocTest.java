package io.savepoint.metadata;

import org.junit.jupiter.api.Test;

import io.savepoint.protocol.ServiceAuthConfig;
import io.savepoint.testing.ConfigurationDoc;

/** docs/configuration.md, metadata-service's settings and its application.properties agree (see {@link ConfigurationDoc}). */
class ConfigurationDocTest {

    @Test
    void theConfigurationPageMatchesTheCode() {
        ConfigurationDoc.of("metadata", ServiceAuthConfig.class).check();
    }
}
