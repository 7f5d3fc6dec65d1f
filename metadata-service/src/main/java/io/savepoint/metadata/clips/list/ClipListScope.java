package io.savepoint.metadata.clips.list;

import java.util.Set;

/** Which clips a list walks: one owner's (optionally of one SCID or title), or a title's public clips. */
sealed interface ClipListScope {

    boolean savedOnly();

    /** {@code /users/{ownerId}/clips}, {@code …/scids/{scid}/clips}, {@code …/titles/{titleId}/clips}, and /saved. */
    record Owner(String ownerXuid, String scid, Long titleId, boolean savedOnly) implements ClipListScope {
    }

    /** {@code /public/scids/{scid}/clips}, {@code /public/titles/{titleId}/clips} and /saved: the title's SCIDs. */
    record Public(Set<String> scids, boolean savedOnly) implements ClipListScope {
    }
}
