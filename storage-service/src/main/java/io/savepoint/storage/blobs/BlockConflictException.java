package io.savepoint.storage.blobs;

/** The same block of an upload arrived twice at the same time; one of the two is refused and may be retried. */
public class BlockConflictException extends RuntimeException {
    public BlockConflictException(String message) {
        super(message);
    }
}
