package io.savepoint.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For {@code @QuarkusIntegrationTest}: the packaged application runs in the production profile, which refuses to start
 * without a JWT key, an issuer and its secrets; this gives it the same ones as the peers, a database of its own when
 * init arg {@code database} names its family (e.g. savepoint_metadata), and with init arg {@code grpcServer=free} a free
 * gRPC server port (the default one may be taken by a local stack; a peer resource that must know the port sets it).
 * Any other init arg is a configuration property passed on as it is.
 */
public class ProductionProfileResource implements QuarkusTestResourceLifecycleManager {

    private String databasePrefix;
    private boolean freeGrpcServerPort;
    private final Map<String, String> extraConfig = new HashMap<>();
    private TestDatabase database;

    @Override
    public void init(Map<String, String> initArgs) {
        databasePrefix = initArgs.get("database");
        freeGrpcServerPort = "free".equals(initArgs.get("grpcServer"));
        initArgs.forEach((name, value) -> {
            if (!name.equals("database") && !name.equals("grpcServer")) {
                extraConfig.put(name, value);
            }
        });
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(ServicePeer.productionSettings());
        config.putAll(extraConfig);
        if (freeGrpcServerPort) {
            config.put("quarkus.grpc.server.port", Integer.toString(ServicePeer.freePort()));
        }
        if (databasePrefix != null) {
            database = TestDatabase.create(databasePrefix);
            config = Peers.with(database, config);
        }
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
