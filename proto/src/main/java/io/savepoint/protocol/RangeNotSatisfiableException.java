package io.savepoint.protocol;

/**
 * 416: the Range lies past the end of the body ({@link ByteRange.PastEnd#UNSATISFIABLE}); the answer names the body's
 * size in Content-Range, so a client can ask again within it.
 */
public class RangeNotSatisfiableException extends ApiException {

    private final long size;

    public RangeNotSatisfiableException(String range, long size) {
        super(416, ErrorCode.INVALID_REQUEST, "Range '" + range + "' lies outside the " + size + " bytes of this asset.");
        this.size = size;
    }

    public long size() {
        return size;
    }
}
