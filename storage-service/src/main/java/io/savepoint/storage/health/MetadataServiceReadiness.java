package io.savepoint.storage.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.savepoint.protocol.GrpcDependencyCheck;

/** Ready only when metadata-service (TitleDirectory) answers over gRPC. */
@Readiness
@ApplicationScoped
public class MetadataServiceReadiness implements HealthCheck {

    @GrpcClient("title-directory")
    Channel metadata;

    @ConfigProperty(name = "quarkus.grpc.clients.title-directory.host")
    String host;

    @ConfigProperty(name = "quarkus.grpc.clients.title-directory.port")
    int port;

    @Override
    public HealthCheckResponse call() {
        return GrpcDependencyCheck.check("metadata-service gRPC", host + ":" + port, metadata, Duration.ofSeconds(2));
    }
}
