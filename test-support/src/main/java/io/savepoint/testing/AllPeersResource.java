package io.savepoint.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts real metadata-service and storage-service (storage resolving titles through metadata) for transfer-service. */
public class AllPeersResource implements QuarkusTestResourceLifecycleManager {

    private Peers.Running metadata;
    private Peers.Running storage;

    @Override
    public Map<String, String> start() {
        int storageGrpcPort = ServicePeer.freePort();
        metadata = Peers.metadata(storageGrpcPort);
        storage = Peers.storage(metadata.peer(), storageGrpcPort);
        String metadataPort = Integer.toString(metadata.peer().grpcPort);
        String storagePort = Integer.toString(storage.peer().grpcPort);
        return Map.of(
                "quarkus.grpc.clients.clip-catalog.host", "127.0.0.1",
                "quarkus.grpc.clients.clip-catalog.port", metadataPort,
                "quarkus.grpc.clients.clip-catalog.test-port", metadataPort,
                "quarkus.grpc.clients.blob-store.host", "127.0.0.1",
                "quarkus.grpc.clients.blob-store.port", storagePort,
                "quarkus.grpc.clients.blob-store.test-port", storagePort,
                "savepoint.test.metadata-url", metadata.peer().httpUrl(),
                "savepoint.test.storage-url", storage.peer().httpUrl());
    }

    @Override
    public void stop() {
        if (storage != null) {
            storage.close();
        }
        if (metadata != null) {
            metadata.close();
        }
    }
}
