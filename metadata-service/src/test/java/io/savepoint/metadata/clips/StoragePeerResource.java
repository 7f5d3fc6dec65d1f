package io.savepoint.metadata.clips;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.savepoint.testing.Peers;
import io.savepoint.testing.ServicePeer;
import io.savepoint.testing.TestDatabase;

/**
 * Starts the real storage-service (its packaged jar, its own database) for metadata-service under test: the clip
 * catalog reserves, commits and releases quota and deletes blobs there over real gRPC. storage-service resolves
 * titles through the metadata-service under test, whose gRPC server therefore gets a port chosen here.
 */
public class StoragePeerResource implements QuarkusTestResourceLifecycleManager {

    private Peers.Running storage;

    @Override
    public Map<String, String> start() {
        int metadataGrpcPort = ServicePeer.freePort();
        TestDatabase db = TestDatabase.create("savepoint_storage");
        try {
            storage = new Peers.Running(ServicePeer.start("storage-service", Peers.with(db, Map.of(
                    "quarkus.grpc.clients.title-directory.host", "127.0.0.1",
                    "quarkus.grpc.clients.title-directory.port", Integer.toString(metadataGrpcPort)))), db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        String storagePort = Integer.toString(storage.peer().grpcPort);
        return Map.of(
                "quarkus.grpc.server.test-port", Integer.toString(metadataGrpcPort),
                "quarkus.grpc.server.port", Integer.toString(metadataGrpcPort), // the packaged app of integration tests
                "quarkus.grpc.clients.storage.host", "127.0.0.1",
                "quarkus.grpc.clients.storage.port", storagePort,
                "quarkus.grpc.clients.storage.test-port", storagePort,
                // A freshly started peer answers its first calls slowly on a busy 2-core machine (cold JIT, pools).
                "savepoint.grpc.deadline", "10s");
    }

    @Override
    public void stop() {
        if (storage != null) {
            storage.close();
        }
    }
}
