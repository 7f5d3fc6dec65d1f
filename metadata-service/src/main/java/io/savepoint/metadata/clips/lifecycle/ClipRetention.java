package io.savepoint.metadata.clips.lifecycle;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.metadata.clips.ClipsConfig;
import io.savepoint.metadata.clips.GameClip;

/**
 * Retention of clips the user did not save: per owner and title, the newest
 * {@code savepoint.metadata.clips.retention-unsaved-per-title} stay and older ones are deleted first in, first out
 * (0 keeps all). Failed clips go first, newest or not: a console that failed many uploads must not cost the user clips
 * that were stored. Run after every new clip; the deleted clips' bytes and quota are given back by the storage cleanup
 * (at once, or by the sweeper when storage-service is unreachable).
 */
@ApplicationScoped
public class ClipRetention {

    private static final Logger LOG = Logger.getLogger(ClipRetention.class);

    private final ClipsConfig config;
    private final EntityManager em;
    private final ClipStorageCleanup cleanup;

    ClipRetention(ClipsConfig config, EntityManager em, ClipStorageCleanup cleanup) {
        this.config = config;
        this.em = em;
        this.cleanup = cleanup;
    }

    /** Deletes the owner's oldest unsaved clips of the title beyond the retention count; answers their ids. */
    public List<String> enforce(String ownerXuid, long titleId) {
        int keep = config.retentionUnsavedPerTitle();
        if (keep <= 0) {
            return List.of();
        }
        List<String> expired = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<GameClip> old = em.createNativeQuery("""
                    SELECT * FROM game_clip WHERE owner_xuid = :owner AND title_id = :title AND NOT saved_by_user
                    AND deleted_at IS NULL ORDER BY state = 'Error', created_at DESC, game_clip_id DESC OFFSET :keep
                    FOR UPDATE""", GameClip.class)
                    .setParameter("owner", ownerXuid).setParameter("title", titleId).setParameter("keep", keep).getResultList();
            Instant now = Instant.now();
            old.forEach(clip -> clip.markDeleted(now));
            return old.stream().map(clip -> clip.gameClipId).toList();
        });
        if (!expired.isEmpty()) {
            LOG.infof("Retention: deleted %d unsaved clip(s) of user %s in title %d beyond the newest %d", expired.size(), ownerXuid,
                    titleId, keep);
            expired.forEach(cleanup::cleanUpDeleted);
        }
        return expired;
    }
}
