package io.savepoint.metadata.clips.service;

import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.GameClipVisibility;
import io.savepoint.protocol.Caller;

/**
 * Who may see a clip. For now: its owner always; anyone else only a Published, Public clip of the caller's sandbox.
 * Every read of another user's clip goes through here, so privacy and Title visibility rules land in one place.
 */
final class ClipVisibilityPolicy {

    private ClipVisibilityPolicy() {
    }

    static boolean canSee(Caller caller, GameClip clip) {
        if (clip.ownerXuid.equals(caller.xuid())) {
            return true;
        }
        return clip.visibility == GameClipVisibility.Public && clip.state == GameClipState.Published
                && clip.sandboxId.equals(caller.sandboxId());
    }
}
