package io.savepoint.storage.blobs.store;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the block store can be used: the directory is writable, or the bucket answers. */
@Readiness
@ApplicationScoped
public class BlockStoreHealthCheck implements HealthCheck {

    private final BlockStore store;

    BlockStoreHealthCheck(BlockStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("block-store").withData("store", store.describe());
        try {
            store.check();
            return response.up().build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
