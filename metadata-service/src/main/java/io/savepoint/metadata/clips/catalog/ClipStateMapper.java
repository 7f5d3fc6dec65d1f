package io.savepoint.metadata.clips.catalog;

import io.savepoint.grpc.v1.ClipState;
import io.savepoint.metadata.clips.GameClipState;

/**
 * The one mapping between {@link GameClipState} and the contract's {@link ClipState} (clip_catalog.proto). Both switches
 * have no default: a state added on one side does not compile until it is mapped here.
 */
public final class ClipStateMapper {

    private ClipStateMapper() {
    }

    public static ClipState toProto(GameClipState state) {
        return switch (state) {
            case None -> ClipState.CLIP_STATE_NONE;
            case PendingUpload -> ClipState.CLIP_STATE_PENDING_UPLOAD;
            case PendingDelete -> ClipState.CLIP_STATE_PENDING_DELETE;
            case Processed -> ClipState.CLIP_STATE_PROCESSED;
            case Processing -> ClipState.CLIP_STATE_PROCESSING;
            case Publishing -> ClipState.CLIP_STATE_PUBLISHING;
            case Published -> ClipState.CLIP_STATE_PUBLISHED;
            case Flagged -> ClipState.CLIP_STATE_FLAGGED;
            case Banned -> ClipState.CLIP_STATE_BANNED;
            case Uploaded -> ClipState.CLIP_STATE_UPLOADED;
            case Deleted -> ClipState.CLIP_STATE_DELETED;
            case Error -> ClipState.CLIP_STATE_ERROR;
        };
    }

    /** The state a contract value names; UNSPECIFIED and values this build does not know are no state. */
    public static GameClipState fromProto(ClipState state) {
        return switch (state) {
            case CLIP_STATE_NONE -> GameClipState.None;
            case CLIP_STATE_PENDING_UPLOAD -> GameClipState.PendingUpload;
            case CLIP_STATE_PENDING_DELETE -> GameClipState.PendingDelete;
            case CLIP_STATE_PROCESSED -> GameClipState.Processed;
            case CLIP_STATE_PROCESSING -> GameClipState.Processing;
            case CLIP_STATE_PUBLISHING -> GameClipState.Publishing;
            case CLIP_STATE_PUBLISHED -> GameClipState.Published;
            case CLIP_STATE_FLAGGED -> GameClipState.Flagged;
            case CLIP_STATE_BANNED -> GameClipState.Banned;
            case CLIP_STATE_UPLOADED -> GameClipState.Uploaded;
            case CLIP_STATE_DELETED -> GameClipState.Deleted;
            case CLIP_STATE_ERROR -> GameClipState.Error;
            case CLIP_STATE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("No clip state: " + state);
        };
    }
}
