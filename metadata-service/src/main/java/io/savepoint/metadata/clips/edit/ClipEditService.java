package io.savepoint.metadata.clips.edit;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.lifecycle.ClipStorageCleanup;
import io.savepoint.metadata.clips.read.ClipLookup;
import io.savepoint.protocol.Caller;

/**
 * The owner's changes to a clip: metadata updates (spec A.8) and deletion (spec A.9). A delete hides the clip at
 * once (a tombstone row: lists skip it, a repeat is 404), then gives back its bytes and quota through
 * storage-service; when storage is unreachable the sweeper finishes that later (ClipStorageCleanup).
 */
@ApplicationScoped
public class ClipEditService {

    private final ClipLookup lookup;
    private final ClipStorageCleanup cleanup;

    ClipEditService(ClipLookup lookup, ClipStorageCleanup cleanup) {
        this.lookup = lookup;
        this.cleanup = cleanup;
    }

    /** Applies an UpdateMetadataRequest to the caller's own clip, all fields or none; answers the updated clip. */
    public GameClip update(Caller caller, String ownerId, String scid, String gameClipId, String body) {
        ClipUpdate update = ClipUpdate.parse(body);
        return QuarkusTransaction.requiringNew().call(() -> {
            GameClip clip = lookup.owned(caller, ownerId, scid, gameClipId);
            if (update.setsCaption()) {
                clip.userCaption = update.userCaption();
            }
            if (update.visibility() != null) {
                clip.visibility = update.visibility();
            }
            if (update.setsTitleData()) {
                clip.titleData = update.titleData();
            }
            clip.lastModifiedAt = Instant.now();
            return clip;
        });
    }

    /** Deletes the caller's own clip; 404 when it does not exist or was deleted already. */
    public void delete(Caller caller, String ownerId, String scid, String gameClipId) {
        String id = QuarkusTransaction.requiringNew().call(() -> {
            GameClip clip = lookup.owned(caller, ownerId, scid, gameClipId);
            clip.markDeleted(Instant.now());
            return clip.gameClipId;
        });
        cleanup.cleanUpDeleted(id);
    }

}
