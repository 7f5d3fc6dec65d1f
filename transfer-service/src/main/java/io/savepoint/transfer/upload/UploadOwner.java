package io.savepoint.transfer.upload;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;

/** The {@code xuid(N)} segment of an upload URI: the user the URI was handed to, the only one who may use it. */
public final class UploadOwner {

    private static final Pattern XUID_SEGMENT = Pattern.compile("xuid\\((\\d{1,20})\\)");

    private UploadOwner() {
    }

    /** Refuses with 404 a segment that is not {@code xuid(N)} and with 403 another user's URI. */
    public static void require(Caller caller, String ownerSegment) {
        Matcher m = XUID_SEGMENT.matcher(ownerSegment);
        if (!m.matches()) {
            throw ApiException.notFound("No upload URI has the owner segment '" + ownerSegment + "': expected xuid(<xuid>).");
        }
        if (!m.group(1).equals(caller.xuid())) {
            throw ApiException
                    .forbidden("This upload URI belongs to xuid " + m.group(1) + ", not to the caller (xuid " + caller.xuid() + ").");
        }
    }
}
