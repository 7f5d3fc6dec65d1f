package io.savepoint.metadata.clips.read;

/**
 * Who may see a clip, as SQL over {@code game_clip c}: the one place these rules live, used by every list and by the
 * single-clip lookup. Its owner sees it always; others per {@link #VISIBLE_TO_OTHERS}. Sandbox isolation is applied
 * by each query's {@code c.sandbox_id = :sandbox}. Parameter {@code :callerTitle}: the caller's title id (-1 without).
 */
public final class ClipVisibilitySql {

    /** Matches the partial indexes of public lists literally, so the planner can use them. */
    public static final String PUBLISHED = "c.state = 'Published' AND c.flagged_at IS NULL";

    /**
     * A published, unflagged clip someone other than its owner may see: Public; Title for callers of the same title;
     * Default unless the owner keeps created content to themselves (clip_privacy OwnerOnly); never Owner.
     */
    public static final String VISIBLE_TO_OTHERS = "(" + PUBLISHED + " AND (c.visibility = 'Public'"
            + " OR (c.visibility = 'Title' AND c.title_id = :callerTitle)"
            + " OR (c.visibility = 'Default' AND NOT EXISTS (SELECT 1 FROM clip_privacy p"
            + " WHERE p.owner_xuid = c.owner_xuid AND p.created_content = 'OwnerOnly'))))";

    private ClipVisibilitySql() {
    }
}
