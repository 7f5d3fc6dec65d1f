package io.savepoint.metadata.clips.lifecycle;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.grpc.StatusRuntimeException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.metadata.clips.ClipAssets;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.peers.StorageBlobCleanupClient;
import io.savepoint.metadata.peers.StorageQuotaClient;
import io.savepoint.protocol.ClipAssetUris.Asset;

/**
 * Gives back what a clip in Error, or deleted (then PendingDelete until this succeeded, Deleted after), held in
 * storage-service: its staged blocks, its blobs and its quota reservation.
 * Every step is idempotent, so a cleanup interrupted by an unreachable storage-service is simply run again later
 * (the clip keeps {@code storage_cleanup_pending} until all steps succeeded). The row stays locked meanwhile, so
 * two replicas never clean the same clip at once.
 */
@ApplicationScoped
public class ClipStorageCleanup {

    private static final Logger LOG = Logger.getLogger(ClipStorageCleanup.class);

    private final StorageBlobCleanupClient blobs;
    private final StorageQuotaClient quota;
    private final EntityManager em;

    ClipStorageCleanup(StorageBlobCleanupClient blobs, StorageQuotaClient quota, EntityManager em) {
        this.blobs = blobs;
        this.quota = quota;
        this.em = em;
    }

    /** Cleans up the clip if it is waiting for it and no other replica is at it; false when storage failed. */
    public boolean cleanUp(String gameClipId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> lockPending(List.of(gameClipId)).forEach(this::cleanUpLocked));
            return true;
        } catch (StatusRuntimeException e) {
            LOG.warnf("Storage cleanup of clip %s failed (%s); the sweeper retries it", gameClipId, e.getStatus());
            return false;
        }
    }

    /** Cleans up a clip just marked deleted; when storage-service is down the sweeper finishes it later. */
    public void cleanUpDeleted(String gameClipId) {
        if (!cleanUp(gameClipId)) {
            LOG.infof("Clip %s is deleted; its bytes are removed when storage-service is reachable again", gameClipId);
        }
    }

    /** Clips still waiting for their cleanup, oldest first (the sweeper retries them). */
    List<String> pending(int limit) {
        return em.createQuery("select c.gameClipId from GameClip c where c.storageCleanupPending = true order by c.errorAt",
                String.class).setMaxResults(limit).getResultList();
    }

    private List<GameClip> lockPending(List<String> ids) {
        @SuppressWarnings("unchecked")
        List<GameClip> clips = em.createNativeQuery("""
                SELECT * FROM game_clip WHERE game_clip_id IN (:ids) AND storage_cleanup_pending
                FOR UPDATE SKIP LOCKED""", GameClip.class).setParameter("ids", ids).getResultList();
        return clips;
    }

    private void cleanUpLocked(GameClip clip) {
        blobs.abandonUpload(ClipAssets.videoUploadId(clip));
        for (Asset asset : Asset.values()) {
            blobs.delete(ClipAssets.blob(clip, asset));
        }
        quota.release(clip.quotaReservationId);
        clip.storageCleanupPending = false;
        if (clip.state == GameClipState.PendingDelete) {
            clip.state = GameClipState.Deleted;
        }
        LOG.infof("Clip %s (%s): blobs deleted and quota reservation released", clip.gameClipId,
                clip.errorReason != null ? clip.errorReason : clip.state);
    }
}
