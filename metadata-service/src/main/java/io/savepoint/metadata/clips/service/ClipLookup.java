package io.savepoint.metadata.clips.service;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.titles.TitleDocument;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;

/**
 * Finds the clip a {@code /users/{ownerId}/scids/{scid}/clips/{gameClipId}} URI names. A clip that is deleted, of
 * another sandbox, or not visible to the caller answers 404 exactly like one that never existed (spec A.7), so
 * nobody learns which clips others keep private.
 */
@ApplicationScoped
public class ClipLookup {

    private final EntityManager em;

    ClipLookup(EntityManager em) {
        this.em = em;
    }

    /**
     * The clip as the caller may see it (their own, or visible to others; never while flagged, spec A.7), optionally
     * locked for update; 404 otherwise.
     */
    public GameClip visible(Caller caller, String ownerId, String scid, String gameClipId, boolean lock) {
        String ownerXuid = OwnerIds.xuid(caller, ownerId);
        return find(caller, ownerXuid, scid, gameClipId,
                " AND c.flagged_at IS NULL AND (c.owner_xuid = :caller OR " + ClipVisibilitySql.VISIBLE_TO_OTHERS + ")", lock);
    }

    /**
     * The caller's own clip, locked for update. The URI's owner must be the caller (403 naming both otherwise, spec
     * C.12's "XUID specified in the claim does not match URI XUID"); another user's clip id is 404.
     */
    public GameClip owned(Caller caller, String ownerId, String scid, String gameClipId) {
        String ownerXuid = OwnerIds.xuid(caller, ownerId);
        if (!ownerXuid.equals(caller.xuid())) {
            throw ApiException.forbidden("Only the owner may change or delete a clip: the URI names XUID " + ownerXuid
                    + " but the token's XUID is " + caller.xuid() + ".");
        }
        return find(caller, ownerXuid, scid, gameClipId, "", true);
    }

    private GameClip find(Caller caller, String ownerXuid, String scid, String gameClipId, String visibility, boolean lock) {
        if (scid == null || !scid.matches(TitleDocument.GUID)) {
            throw ApiException.badRequest("SCID '" + scid + "' is not a GUID.");
        }
        String sql = "SELECT c.* FROM game_clip c WHERE c.game_clip_id = :id AND c.owner_xuid = :owner AND c.scid = :scid"
                + " AND c.sandbox_id = :sandbox AND c.deleted_at IS NULL" + visibility + (lock ? " FOR UPDATE" : "");
        var query = em.createNativeQuery(sql, GameClip.class)
                .setParameter("id", gameClipId.toLowerCase(Locale.ROOT)).setParameter("owner", ownerXuid)
                .setParameter("scid", scid.toLowerCase(Locale.ROOT)).setParameter("sandbox", caller.sandboxId());
        if (!visibility.isEmpty()) {
            query.setParameter("caller", caller.xuid())
                    .setParameter("callerTitle", caller.titleId() == null ? -1L : caller.titleId());
        }
        @SuppressWarnings("unchecked")
        List<GameClip> clips = query.getResultList();
        if (clips.isEmpty()) {
            throw ApiException.notFound("User " + ownerXuid + " has no clip " + gameClipId + " in SCID " + scid + " that you may see.");
        }
        return clips.get(0);
    }
}
