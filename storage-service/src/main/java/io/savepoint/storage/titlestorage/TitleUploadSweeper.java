package io.savepoint.storage.titlestorage;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.savepoint.storage.StorageConfig;
import io.savepoint.storage.blobs.BlobEngine;

/**
 * Expires multi-block uploads left unfinished for longer than savepoint.storage.upload-expiry: their
 * {@link TitleUpload} row goes, and their staged blocks go to the blob engine's garbage.
 */
@ApplicationScoped
public class TitleUploadSweeper {

    private final BlobEngine engine;
    private final StorageConfig config;

    TitleUploadSweeper(BlobEngine engine, StorageConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /** Abandoned multi-block uploads expire with the engine's staged blocks (savepoint.storage.upload-expiry). */
    @Scheduled(every = "${savepoint.storage.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void expireUploads() {
        Instant expired = Instant.now().minus(config.uploadExpiry());
        List<TitleUpload> stale = QuarkusTransaction.requiringNew().call(() -> TitleUpload.<TitleUpload>list("updatedAt < ?1", expired));
        for (TitleUpload candidate : stale) {
            // Locked and checked again: a block arriving meanwhile keeps its upload, and the sweeper of another replica
            // skips (SKIP LOCKED) an upload this one is expiring.
            QuarkusTransaction.requiringNew().run(() -> {
                TitleUpload upload = TitleUpload.<TitleUpload>find("id = ?1 and updatedAt < ?2", candidate.id, expired)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).withHint("jakarta.persistence.lock.timeout", -2).firstResult();
                if (upload != null) {
                    engine.abandon(TitleUpload.blobUploadId(upload.id));
                    upload.delete();
                }
            });
        }
    }
}
