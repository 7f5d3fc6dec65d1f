package io.savepoint.metadata.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.savepoint.protocol.GrpcDependencyCheck;

/** Ready only when storage-service (BlobStore, Quota) answers over gRPC. */
@Readiness
@ApplicationScoped
public class StorageServiceReadiness implements HealthCheck {

    @GrpcClient("storage")
    Channel storage;

    @ConfigProperty(name = "quarkus.grpc.clients.storage.host")
    String host;

    @ConfigProperty(name = "quarkus.grpc.clients.storage.port")
    int port;

    @Override
    public HealthCheckResponse call() {
        return GrpcDependencyCheck.check("storage-service gRPC", host + ":" + port, storage, Duration.ofSeconds(2));
    }
}
