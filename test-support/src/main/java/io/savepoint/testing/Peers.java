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
        TestDatabase db = TestDatabase.create("savepoint_metadata");
        try {
            return new Running(ServicePeer.start("metadata-service", Map.of(
                    "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                    "quarkus.datasource.username", TestDatabase.USER,
                    "quarkus.datasource.password", TestDatabase.PASSWORD,
                    "savepoint.metadata.titles-file", TestTitles.file().toString())), db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** storage-service resolving titles through the given metadata-service. */
    public static Running storage(ServicePeer metadata) {
        TestDatabase db = TestDatabase.create("savepoint_storage");
        try {
            return new Running(ServicePeer.start("storage-service", Map.of(
                    "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                    "quarkus.datasource.username", TestDatabase.USER,
                    "quarkus.datasource.password", TestDatabase.PASSWORD,
                    "quarkus.grpc.clients.title-directory.host", "127.0.0.1",
                    "quarkus.grpc.clients.title-directory.port", Integer.toString(metadata.grpcPort))), db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }
}
