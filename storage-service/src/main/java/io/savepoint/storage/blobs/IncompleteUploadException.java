package io.savepoint.storage.blobs;

/** A commit of an upload whose staged blocks are not exactly 0..n-1 (missing, expired or already committed). */
public class IncompleteUploadException extends IllegalStateException {
    public IncompleteUploadException(String message) {
        super(message);
    }
}
