package io.savepoint.testing;

import java.util.Map;

/** Starts the real peer services (separate JVMs, own databases) that a service under test calls over gRPC. */
public final class Peers {

    private Peers() {
    }

    /** A running peer and the database it owns; closing stops the peer and drops the database. */
    public record Running(ServicePeer peer, TestDatabase database) implements AutoCloseable {
        @Override
        public void close() {
            peer.close();
            database.close();
        }
    }

    /** metadata-service with the test titles imported. */
    public static Running metadata() {
        return metadata(ServicePeer.freePort());
    }

    /** metadata-service with the test titles imported, calling storage-service's gRPC at the given local port. */
    public static Running metadata(int storageGrpcPort) {
        TestDatabase db = TestDatabase.create("savepoint_metadata");
        try {
            return new Running(ServicePeer.start("metadata-service", Map.of(
                    "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                    "quarkus.datasource.username", TestDatabase.USER,
                    "quarkus.datasource.password", TestDatabase.PASSWORD,
                    "savepoint.metadata.titles-file", TestTitles.file().toString(),
                    "quarkus.grpc.clients.storage.host", "127.0.0.1",
                    "quarkus.grpc.clients.storage.port", Integer.toString(storageGrpcPort))), db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** storage-service on the given gRPC port, resolving titles through the given metadata-service. */
    public static Running storage(ServicePeer metadata, int grpcPort) {
        TestDatabase db = TestDatabase.create("savepoint_storage");
        try {
            return new Running(ServicePeer.start("storage-service", Map.of(
                    "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                    "quarkus.datasource.username", TestDatabase.USER,
                    "quarkus.datasource.password", TestDatabase.PASSWORD,
                    "quarkus.grpc.clients.title-directory.host", "127.0.0.1",
                    "quarkus.grpc.clients.title-directory.port", Integer.toString(metadata.grpcPort)), grpcPort), db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }
}
