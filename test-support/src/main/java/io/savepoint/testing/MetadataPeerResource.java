package io.savepoint.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts a real metadata-service for the app under test and points its title-directory gRPC client at it. */
public class MetadataPeerResource implements QuarkusTestResourceLifecycleManager {

    private Peers.Running metadata;

    @Override
    public Map<String, String> start() {
        metadata = Peers.metadata();
        String port = Integer.toString(metadata.peer().grpcPort);
        return Map.of(
                "quarkus.grpc.clients.title-directory.host", "127.0.0.1",
                "quarkus.grpc.clients.title-directory.port", port,
                // In test mode Quarkus overrides client ports with test-port: it must name the peer too.
                "quarkus.grpc.clients.title-directory.test-port", port);
    }

    @Override
    public void stop() {
        if (metadata != null) {
            metadata.close();
        }
    }
}
