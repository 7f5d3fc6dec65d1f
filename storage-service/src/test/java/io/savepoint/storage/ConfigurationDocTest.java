package io.savepoint.storage;

import org.junit.jupiter.api.Test;

import io.savepoint.protocol.ServiceAuthConfig;
import io.savepoint.testing.ConfigurationDoc;

/** docs/configuration.md, storage-service's settings and its application.properties agree (see {@link ConfigurationDoc}). */
class ConfigurationDocTest {

    @Test
    void theConfigurationPageMatchesTheCode() {
        // TitleDirectoryClient is being rewritten on another branch; it is to inject GrpcConfig instead of repeating
        // @ConfigProperty(name = "savepoint.grpc.deadline", defaultValue = "2s"). This fails once it does, to be removed.
        ConfigurationDoc.of("storage", ServiceAuthConfig.class).pendingDuplicate("savepoint.grpc.deadline", "TitleDirectoryClient").check();
    }
}
