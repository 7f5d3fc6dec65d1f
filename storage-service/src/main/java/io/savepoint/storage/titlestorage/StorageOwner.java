package io.savepoint.storage.titlestorage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.savepoint.protocol.ApiException;

/** Parses the {@code xuid(N)} path segment of the per-user Title Storage families. */
public final class StorageOwner {

    private static final Pattern XUID = Pattern.compile("xuid\\((\\d{1,20})\\)", Pattern.CASE_INSENSITIVE);

    private StorageOwner() {
    }

    public static String xuid(String segment) {
        Matcher matcher = XUID.matcher(segment);
        if (!matcher.matches()) {
            throw ApiException.badRequest("Expected 'xuid(<decimal xuid>)' in the path, got '" + segment + "'.");
        }
        try {
            return Long.toUnsignedString(Long.parseUnsignedLong(matcher.group(1)));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("XUID " + matcher.group(1) + " is not an unsigned 64-bit number.");
        }
    }
}
