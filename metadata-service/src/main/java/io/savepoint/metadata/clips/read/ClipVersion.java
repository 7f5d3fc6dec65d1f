package io.savepoint.metadata.clips.read;

import java.time.Instant;

/**
 * A list entry as the page query reads it: which clip, its row version ({@link ClipRow#rowVersion()}), its title, its
 * clip name id (so the page can tell which localized name it shows) and its sort keys. The page's JSON is made from
 * cached clips of that version; only clips missing from the cache are read whole.
 */
public record ClipVersion(String gameClipId, long rowVersion, long titleId, Instant createdAt, double rating, long views,
        String greatestMomentId) {
}
