package io.savepoint.storage.blobs.store;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.savepoint.storage.StorageConfig;

/**
 * Chooses the {@link BlockStore} from savepoint.storage.backend at run time, so one build (jar or native executable)
 * serves both backends. It is built at startup: a backend that cannot be configured stops the service before it serves.
 */
@ApplicationScoped
public class BlockStores {

    private static final Logger LOG = Logger.getLogger(BlockStores.class);

    @Produces
    @Singleton
    BlockStore blockStore(StorageConfig config) {
        return switch (config.backend()) {
            case FILESYSTEM -> {
                try {
                    yield new FileBlockStore(config.dataDir(), config.directIo());
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot create the block directories under " + config.dataDir(), e);
                }
            }
            case S3 -> S3BlockStore.create(config.s3());
        };
    }

    void close(@Disposes BlockStore store) {
        store.close();
    }

    void onStart(@Observes StartupEvent event, BlockStore store) {
        LOG.infof("Blocks are stored in %s", store.describe());
    }
}
