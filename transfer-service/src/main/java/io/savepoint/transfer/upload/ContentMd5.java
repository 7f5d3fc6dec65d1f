package io.savepoint.transfer.upload;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import io.savepoint.protocol.ApiException;

/** The Content-MD5 request header: RFC 1864 base64 of the 16-byte digest, or (as some clients send) 32 hex digits. */
public final class ContentMd5 {

    private static final int DIGEST_BYTES = 16;

    private ContentMd5() {
    }

    /** The digest as lower-case hex; empty without a header; 400 when the header is neither form. */
    public static Optional<String> hex(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.matches("[0-9a-fA-F]{32}")) {
            return Optional.of(value.toLowerCase(Locale.ROOT));
        }
        try {
            byte[] digest = Base64.getDecoder().decode(value);
            if (digest.length == DIGEST_BYTES) {
                return Optional.of(HexFormat.of().formatHex(digest));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException
                .badRequest("Content-MD5 '" + value + "' is neither the base64 of a 16-byte MD5 digest (RFC 1864) nor 32 hex digits.");
    }
}
