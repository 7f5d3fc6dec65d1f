package io.savepoint.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

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
        return metadata(storageGrpcPort, Map.of());
    }

    /** As {@link #metadata(int)}, with extra configuration (e.g. a short clip upload expiry). */
    public static Running metadata(int storageGrpcPort, Map<String, String> extraConfig) {
        Map<String, String> config = new LinkedHashMap<>(Map.of(
                "savepoint.metadata.titles-file", TestTitles.file().toString(),
                "quarkus.grpc.clients.storage.host", "127.0.0.1",
                "quarkus.grpc.clients.storage.port", Integer.toString(storageGrpcPort)));
        config.putAll(extraConfig);
        return withDatabase("savepoint_metadata", db -> ServicePeer.start("metadata-service", with(db, config)));
    }

    /** storage-service on the given gRPC port, resolving titles through the given metadata-service. */
    public static Running storage(ServicePeer metadata, int grpcPort) {
        return storage(metadata, grpcPort, Map.of());
    }

    /** As {@link #storage(ServicePeer, int)}, with extra configuration. */
    public static Running storage(ServicePeer metadata, int grpcPort, Map<String, String> extraConfig) {
        Map<String, String> config = new LinkedHashMap<>(Map.of(
                "quarkus.grpc.clients.title-directory.host", "127.0.0.1",
                "quarkus.grpc.clients.title-directory.port", Integer.toString(metadata.grpcPort)));
        config.putAll(extraConfig);
        return withDatabase("savepoint_storage", db -> ServicePeer.start("storage-service", with(db, config), grpcPort));
    }

    /**
     * The output of {@code module} started with {@code config} and a fresh database named after {@code databasePrefix},
     * which must refuse to start (see {@link ServicePeer#failedStartupOutput}).
     */
    public static String failedStartupOutput(String module, String databasePrefix, Map<String, String> config) {
        try (TestDatabase db = TestDatabase.create(databasePrefix)) {
            return ServicePeer.failedStartupOutput(module, with(db, config));
        }
    }

    /** The datasource settings of a test database, plus {@code config}. */
    public static Map<String, String> with(TestDatabase db, Map<String, String> config) {
        Map<String, String> all = new LinkedHashMap<>(config);
        all.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        all.put("quarkus.datasource.username", TestDatabase.USER);
        all.put("quarkus.datasource.password", TestDatabase.PASSWORD);
        return all;
    }

    private static Running withDatabase(String prefix, Function<TestDatabase, ServicePeer> start) {
        TestDatabase db = TestDatabase.create(prefix);
        try {
            return new Running(start.apply(db), db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }
}
