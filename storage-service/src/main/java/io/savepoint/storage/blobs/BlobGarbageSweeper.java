package io.savepoint.storage.blobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.savepoint.storage.StorageConfig;
import io.savepoint.storage.blobs.store.BlockStore;

/**
 * The {@link BlobEngine}'s garbage collection: turns the staged blocks of idle uploads into {@link BlobGarbage} and
 * deletes the files of garbage older than {@link BlobEngine#WRITE_GRACE}. Replicas sweep side by side: each file's
 * garbage row is locked (SKIP LOCKED) while the file is deleted.
 */
@ApplicationScoped
public class BlobGarbageSweeper {

    private static final Logger LOG = Logger.getLogger(BlobGarbageSweeper.class);

    private final BlockStore store;
    private final Duration uploadExpiry;

    BlobGarbageSweeper(BlockStore store, StorageConfig config) {
        this.store = store;
        this.uploadExpiry = config.uploadExpiry();
    }

    /**
     * Deletes unreferenced files, and the staged blocks of uploads idle for longer than savepoint.storage.upload-expiry
     * and past the time they were to be kept until.
     */
    @Scheduled(every = "${savepoint.storage.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sweep() {
        Instant expired = Instant.now().minus(uploadExpiry);
        QuarkusTransaction.requiringNew().run(() -> {
            // An upload expires when its newest block is older than the expiry (slow but active uploads stay), unless
            // its caller asked to keep it longer.
            List<String> stale = StagedBlock.getEntityManager().createQuery("""
                    select s.uploadId from StagedBlock s group by s.uploadId
                    having max(s.createdAt) < ?1 and (max(s.keepUntil) is null or max(s.keepUntil) < ?2)""", String.class)
                    .setParameter(1, expired).setParameter(2, Instant.now()).getResultList();
            for (String uploadId : stale) {
                for (StagedBlock block : StagedBlock.<StagedBlock>find("uploadId", uploadId).withLock(LockModeType.PESSIMISTIC_WRITE)
                        .withHint("jakarta.persistence.lock.timeout", -2).list()) {
                    BlobGarbage.add(block.fileKey, Instant.EPOCH);
                    block.delete();
                }
            }
        });
        Instant graceEnded = Instant.now().minus(BlobEngine.WRITE_GRACE);
        List<String> garbage = QuarkusTransaction.requiringNew().call(() -> BlobGarbage.<BlobGarbage>list("createdAt < ?1", graceEnded)
                .stream().map(item -> item.fileKey).toList());
        for (String fileKey : garbage) {
            try {
                // The row stays locked while its file is deleted: a slow write that finishes meanwhile waits, then finds
                // it gone and does not record the block.
                QuarkusTransaction.requiringNew().call(() -> {
                    BlobGarbage item = BlobGarbage.<BlobGarbage>find("fileKey = ?1 and createdAt < ?2", fileKey, graceEnded)
                            .withLock(LockModeType.PESSIMISTIC_WRITE).withHint("jakarta.persistence.lock.timeout", -2).firstResult();
                    if (item != null) {
                        store.delete(fileKey);
                        item.delete();
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warnf(e, "Cannot delete block %s; will retry", fileKey);
            }
        }
    }
}
