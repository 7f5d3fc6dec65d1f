package io.savepoint.protocol;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service calls its gRPC peers (savepoint.grpc.*); each setting is documented in docs/configuration.md. */
@ConfigMapping(prefix = "savepoint.grpc")
public interface GrpcConfig {

    /** Deadline of each unary call to another service; streaming a block has its own (savepoint.transfer.block-deadline). */
    @WithDefault("2s")
    Duration deadline();
}
