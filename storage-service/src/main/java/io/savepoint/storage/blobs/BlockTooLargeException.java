package io.savepoint.storage.blobs;

/** A block or upload body bigger than the limit of the request that carries it. */
public class BlockTooLargeException extends RuntimeException {
    public final long maxBytes;

    public BlockTooLargeException(long maxBytes) {
        this(maxBytes, "The body exceeds the limit of " + maxBytes + " bytes.");
    }

    public BlockTooLargeException(long maxBytes, String message) {
        super(message);
        this.maxBytes = maxBytes;
    }
}
