package io.savepoint.storage.blobs;

/** A block whose Content-MD5 did not match its bytes; it was not stored. */
public class ChecksumMismatchException extends RuntimeException {
    public ChecksumMismatchException(String message) {
        super(message);
    }
}
