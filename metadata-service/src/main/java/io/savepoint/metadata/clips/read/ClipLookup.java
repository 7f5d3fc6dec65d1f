package io.savepoint.metadata.clips.read;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.titles.service.ContentIsolation;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;

/**
 * Finds the clip a {@code /users/{ownerId}/scids/{scid}/clips/{gameClipId}} URI names, once {@link ContentIsolation}
 * lets the caller reach the SCID (403 otherwise, spec D.6). A clip that is deleted, of
 * another sandbox, or not visible to the caller answers 404 exactly like one that never existed (spec A.7), so
 * nobody learns which clips others keep private.
 */
@ApplicationScoped
public class ClipLookup {

    private static final String VISIBLE = " AND c.flagged_at IS NULL AND (c.owner_xuid = :caller OR " + ClipVisibilitySql.VISIBLE_TO_OTHERS
            + ")";

    private final EntityManager em;
    private final ClipReads reads;
    private final ContentIsolation isolation;

    ClipLookup(EntityManager em, ClipReads reads, ContentIsolation isolation) {
        this.em = em;
        this.reads = reads;
        this.isolation = isolation;
    }

    /**
     * The clip as the caller may see it (their own, or visible to others; never while flagged, spec A.7), optionally
     * locked for update; 404 otherwise.
     */
    public GameClip visible(Caller caller, String ownerId, String scid, String gameClipId, boolean lock) {
        isolation.readableScid(caller, scid);
        Statement statement = statement(caller, OwnerIds.xuid(caller, ownerId), scid, gameClipId, VISIBLE);
        return found(statement, entities(statement.fromClause + (lock ? " FOR UPDATE" : ""), statement.parameters));
    }

    /** Like {@link #visible} without a lock, as a detached copy read outside any session or transaction (GET one clip). */
    public ClipRow read(Caller caller, String ownerId, String scid, String gameClipId) {
        isolation.readableScid(caller, scid);
        Statement statement = statement(caller, OwnerIds.xuid(caller, ownerId), scid, gameClipId, VISIBLE);
        return found(statement, reads.select(statement.fromClause, statement.parameters));
    }

    /**
     * The caller's own clip, locked for update. The URI's owner must be the caller (403 naming both otherwise, spec
     * C.12's "XUID specified in the claim does not match URI XUID"); another user's clip id is 404.
     */
    public GameClip owned(Caller caller, String ownerId, String scid, String gameClipId) {
        isolation.writableScid(caller, scid);
        String ownerXuid = OwnerIds.xuid(caller, ownerId);
        if (!ownerXuid.equals(caller.xuid())) {
            throw ApiException.forbidden("Only the owner may change or delete a clip: the URI names XUID " + ownerXuid
                    + " but the token's XUID is " + caller.xuid() + ".");
        }
        Statement statement = statement(caller, ownerXuid, scid, gameClipId, "");
        return found(statement, entities(statement.fromClause + " FOR UPDATE", statement.parameters));
    }

    private record Statement(String fromClause, Map<String, Object> parameters, String ownerXuid, String scid, String gameClipId) {
    }

    private static Statement statement(Caller caller, String ownerXuid, String scid, String gameClipId, String visibility) {
        String fromClause = "FROM game_clip c WHERE c.game_clip_id = :id AND c.owner_xuid = :owner AND c.scid = :scid"
                + " AND c.sandbox_id = :sandbox AND c.deleted_at IS NULL" + visibility;
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", gameClipId.toLowerCase(Locale.ROOT));
        parameters.put("owner", ownerXuid);
        parameters.put("scid", scid.toLowerCase(Locale.ROOT));
        parameters.put("sandbox", caller.sandboxId());
        if (!visibility.isEmpty()) {
            parameters.put("caller", caller.xuid());
            parameters.put("callerTitle", caller.titleId() == null ? -1L : caller.titleId());
        }
        return new Statement(fromClause, parameters, ownerXuid, scid, gameClipId);
    }

    @SuppressWarnings("unchecked")
    private List<GameClip> entities(String fromClause, Map<String, Object> parameters) {
        Query query = em.createNativeQuery("SELECT c.* " + fromClause, GameClip.class);
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }

    private static <T> T found(Statement statement, List<T> clips) {
        if (clips.isEmpty()) {
            throw ApiException.notFound("User " + statement.ownerXuid + " has no clip " + statement.gameClipId + " in SCID "
                    + statement.scid + " that you may see.");
        }
        return clips.get(0);
    }
}
