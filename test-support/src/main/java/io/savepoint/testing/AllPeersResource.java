package io.savepoint.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts real metadata-service and storage-service (storage resolving titles through metadata) for transfer-service.
 * Init args named {@code metadata.<property>} configure the metadata peer (test classes with the same args share one
 * set of peers). A test field of type {@link ServicePeer} annotated {@link StoragePeer} gets the storage peer, e.g.
 * to restart it; one annotated {@link MetadataPeer} the metadata peer (integration tests cannot inject config).
 */
public class AllPeersResource implements QuarkusTestResourceLifecycleManager {

    static final String METADATA_ARG_PREFIX = "metadata.";

    /** Marks the test field that receives the running storage-service peer. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface StoragePeer {
    }

    /** Marks the test field that receives the running metadata-service peer. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface MetadataPeer {
    }

    private final Map<String, String> metadataConfig = new HashMap<>();
    private Peers.Running metadata;
    private Peers.Running storage;

    @Override
    public void init(Map<String, String> initArgs) {
        // The metadata peer runs in prod mode; on a loaded CI machine its 2 s calls to storage would time out.
        metadataConfig.put("savepoint.grpc.deadline", "15s");
        initArgs.forEach((name, value) -> {
            if (!name.startsWith(METADATA_ARG_PREFIX)) {
                throw new IllegalArgumentException("Unknown AllPeersResource init arg '" + name + "': use metadata.<property>");
            }
            metadataConfig.put(name.substring(METADATA_ARG_PREFIX.length()), value);
        });
    }

    @Override
    public Map<String, String> start() {
        int storageGrpcPort = ServicePeer.freePort();
        Map<String, String> metadataAll = new HashMap<>(everyServiceConfig());
        metadataAll.putAll(metadataConfig);
        metadata = Peers.metadata(storageGrpcPort, metadataAll);
        storage = Peers.storage(metadata.peer(), storageGrpcPort, everyServiceConfig());
        String metadataPort = Integer.toString(metadata.peer().grpcPort);
        String storagePort = Integer.toString(storage.peer().grpcPort);
        Map<String, String> serviceUnderTest = new HashMap<>(everyServiceConfig());
        serviceUnderTest.putAll(Map.of(
                "quarkus.grpc.clients.clip-catalog.host", "127.0.0.1",
                "quarkus.grpc.clients.clip-catalog.port", metadataPort,
                "quarkus.grpc.clients.clip-catalog.test-port", metadataPort,
                "quarkus.grpc.clients.blob-store.host", "127.0.0.1",
                "quarkus.grpc.clients.blob-store.port", storagePort,
                "quarkus.grpc.clients.blob-store.test-port", storagePort,
                "savepoint.test.metadata-url", metadata.peer().httpUrl(),
                "savepoint.test.storage-url", storage.peer().httpUrl()));
        return serviceUnderTest;
    }

    /** Configuration for both peers and the service under test alike; none here. */
    protected Map<String, String> everyServiceConfig() {
        return Map.of();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(storage.peer(), new TestInjector.AnnotatedAndMatchesType(StoragePeer.class, ServicePeer.class));
        testInjector.injectIntoFields(metadata.peer(), new TestInjector.AnnotatedAndMatchesType(MetadataPeer.class, ServicePeer.class));
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
