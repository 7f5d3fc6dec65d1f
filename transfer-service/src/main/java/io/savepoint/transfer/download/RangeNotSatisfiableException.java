package io.savepoint.transfer.download;

import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.ErrorCode;

/** 416: the Range lies past the end of the asset; the answer names the asset's size in Content-Range. */
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
