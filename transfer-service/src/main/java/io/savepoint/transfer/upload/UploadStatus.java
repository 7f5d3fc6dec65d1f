package io.savepoint.transfer.upload;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How far a clip's upload has come, for a console that resumes it: the blocks it still has to send. */
@RegisterForReflection
public record UploadStatus(String gameClipId, String state, int expectedBlocks, long fileSize, List<Integer> receivedBlocks,
        List<Integer> missingBlocks, long receivedBytes, String uploadExpiresAt) {
}
