package io.savepoint.metadata.clips.moderation;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.lifecycle.ClipStorageCleanup;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;

/**
 * The operators' review of flagged clips: which clips wait for a decision, and the decision. {@code Cleared} puts
 * the clip back where it was; {@code Removed} deletes it like its owner would (bytes and quota given back).
 */
@ApplicationScoped
public class ClipFlagReview {

    /** A clip with open reports, oldest first. */
    @RegisterForReflection
    public record FlaggedClip(String gameClipId, String ownerXuid, String scid, long titleId, String sandboxId, Instant flaggedAt,
            long openReports) {
    }

    /** What an operator decided. */
    @RegisterForReflection
    public record Decision(String gameClipId, String resolution, int reportsResolved) {
    }

    public enum Resolution {
        Cleared, Removed
    }

    private final EntityManager em;
    private final ClipStorageCleanup cleanup;

    ClipFlagReview(EntityManager em, ClipStorageCleanup cleanup) {
        this.em = em;
        this.cleanup = cleanup;
    }

    public List<FlaggedClip> open(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT c.game_clip_id, c.owner_xuid, c.scid, c.title_id, c.sandbox_id, c.flagged_at,
                           (SELECT count(*) FROM game_clip_flag f WHERE f.game_clip_id = c.game_clip_id AND f.resolved_at IS NULL)
                    FROM game_clip c WHERE c.flagged_at IS NOT NULL AND c.deleted_at IS NULL
                    ORDER BY c.flagged_at, c.game_clip_id LIMIT :limit""").setParameter("limit", limit).getResultList();
            return rows.stream().map(r -> new FlaggedClip((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue(),
                    (String) r[4], (Instant) r[5], ((Number) r[6]).longValue())).toList();
        });
    }

    public Decision resolve(Caller operator, String gameClipId, String resolutionText) {
        Resolution resolution = resolution(resolutionText);
        Decision decision = QuarkusTransaction.requiringNew().call(() -> {
            GameClip clip = em.find(GameClip.class, gameClipId.toLowerCase(Locale.ROOT), LockModeType.PESSIMISTIC_WRITE);
            if (clip == null || clip.flaggedAt == null || clip.deletedAt != null) {
                throw ApiException.notFound("Clip " + gameClipId + " has no open flag.");
            }
            Instant now = Instant.now();
            int resolved = em.createNativeQuery("""
                    UPDATE game_clip_flag SET resolved_at = :now, resolution = :resolution, resolved_by = :operator
                    WHERE game_clip_id = :id AND resolved_at IS NULL""")
                    .setParameter("now", now).setParameter("resolution", resolution.name())
                    .setParameter("operator", operator.xuid() == null ? "operator" : operator.xuid())
                    .setParameter("id", clip.gameClipId).executeUpdate();
            clip.flaggedAt = null;
            if (resolution == Resolution.Removed) {
                clip.markDeleted(now);
            }
            return new Decision(clip.gameClipId, resolution.name(), resolved);
        });
        if (resolution == Resolution.Removed) {
            cleanup.cleanUpDeleted(decision.gameClipId());
        }
        return decision;
    }

    private static Resolution resolution(String text) {
        for (Resolution r : Resolution.values()) {
            if (r.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return r;
            }
        }
        throw ApiException.badRequest("resolution must be 'Cleared' (the clip is fine) or 'Removed' (delete it), got '" + text + "'.");
    }
}
