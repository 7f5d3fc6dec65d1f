package io.savepoint.transfer.upload;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.savepoint.grpc.v1.ClipState;

/** How far a clip's upload has come, for a console that resumes it: the blocks it still has to send. */
@RegisterForReflection
public record UploadStatus(String gameClipId, String state, int expectedBlocks, long fileSize, List<Integer> receivedBlocks,
        List<Integer> missingBlocks, long receivedBytes, String uploadExpiresAt) {

    /**
     * A catalog state as the REST API spells it (spec C.9 GameClipState). No default: a state added to clip_catalog.proto
     * does not compile until it is spelled here.
     */
    static String stateName(ClipState state) {
        return switch (state) {
            case CLIP_STATE_NONE -> "None";
            case CLIP_STATE_PENDING_UPLOAD -> "PendingUpload";
            case CLIP_STATE_PENDING_DELETE -> "PendingDelete";
            case CLIP_STATE_PROCESSED -> "Processed";
            case CLIP_STATE_PROCESSING -> "Processing";
            case CLIP_STATE_PUBLISHING -> "Publishing";
            case CLIP_STATE_PUBLISHED -> "Published";
            case CLIP_STATE_FLAGGED -> "Flagged";
            case CLIP_STATE_BANNED -> "Banned";
            case CLIP_STATE_UPLOADED -> "Uploaded";
            case CLIP_STATE_DELETED -> "Deleted";
            case CLIP_STATE_ERROR -> "Error";
            case CLIP_STATE_UNSPECIFIED, UNRECOGNIZED ->
                throw new IllegalStateException("The clip catalog answered no known state: " + state);
        };
    }
}
