package io.savepoint.storage.quota;

/** A reservation that does not fit in the scope's quota. */
public class QuotaExceededException extends RuntimeException {
    public QuotaExceededException(String message) {
        super(message);
    }
}
