package io.savepoint.metadata.clips.read;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;

/** The {@code ownerId} path segment of GameClips URIs: {@code me} or {@code xuid(<decimal>)} (spec A.4). */
public final class OwnerIds {

    private static final Pattern XUID = Pattern.compile("xuid\\(([0-9]{1,20})\\)");

    private OwnerIds() {
    }

    /** The owner's XUID; 400 naming the accepted forms for anything else. */
    public static String xuid(Caller caller, String ownerId) {
        if ("me".equalsIgnoreCase(ownerId)) {
            return caller.xuid();
        }
        Matcher xuid = ownerId == null ? null : XUID.matcher(ownerId.toLowerCase(Locale.ROOT));
        if (xuid != null && xuid.matches()) {
            return xuid.group(1);
        }
        throw ApiException.badRequest("ownerId must be 'me' or 'xuid(<decimal xuid>)', got '" + ownerId + "'.");
    }
}
