package io.savepoint.metadata.clips.lifecycle;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.savepoint.metadata.clips.ClipsConfig;
import io.savepoint.metadata.clips.GameClip;

/**
 * Expires uploads that were never finished: a PendingUpload clip past its upload_expires_at becomes Error
 * ("upload expired") and its staged blocks and quota reservation are given back. Also retries the storage cleanup
 * of Error clips that storage-service could not confirm earlier. Rows are taken with SKIP LOCKED, so several
 * replicas sweep side by side without touching the same clip.
 */
@ApplicationScoped
public class ClipExpirySweeper {

    private static final String UPLOAD_EXPIRED = "upload expired";
    private static final Logger LOG = Logger.getLogger(ClipExpirySweeper.class);

    private final ClipsConfig config;
    private final ClipStorageCleanup cleanup;
    private final EntityManager em;

    ClipExpirySweeper(ClipsConfig config, ClipStorageCleanup cleanup, EntityManager em) {
        this.config = config;
        this.cleanup = cleanup;
        this.em = em;
    }

    @Scheduled(every = "${savepoint.metadata.clips.sweep-interval}", delayed = "${savepoint.metadata.clips.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        sweep();
    }

    /** One sweep; answers how many clips it expired. */
    public int sweep() {
        List<String> expired = QuarkusTransaction.requiringNew().call(this::expireOverdueUploads);
        if (!expired.isEmpty()) {
            LOG.infof("Expired %d unfinished clip upload(s)", expired.size());
        }
        for (String id : QuarkusTransaction.requiringNew().call(() -> cleanup.pending(config.sweepBatchSize()))) {
            if (!cleanup.cleanUp(id)) {
                break; // storage-service is unreachable: the next sweep tries again
            }
        }
        return expired.size();
    }

    private List<String> expireOverdueUploads() {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<GameClip> overdue = em.createNativeQuery("""
                SELECT * FROM game_clip WHERE state = 'PendingUpload' AND upload_expires_at <= :now
                ORDER BY upload_expires_at LIMIT :limit
                FOR UPDATE SKIP LOCKED""", GameClip.class)
                .setParameter("now", now).setParameter("limit", config.sweepBatchSize()).getResultList();
        overdue.forEach(clip -> clip.fail(UPLOAD_EXPIRED, now));
        return overdue.stream().map(clip -> clip.gameClipId).toList();
    }
}
