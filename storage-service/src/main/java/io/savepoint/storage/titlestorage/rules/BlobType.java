package io.savepoint.storage.titlestorage.rules;

import java.util.Locale;

import io.savepoint.protocol.ApiException;

/**
 * The {@code ,{type}} suffix of a Title Storage blob URI and {@code TitleBlob.fileName} (spec B.3, B.7, C.15).
 * Parsing is case-insensitive, as XSAPI's own parser is; the canonical spelling is lower-case.
 */
public enum BlobType {
    BINARY("application/octet-stream"),
    JSON("application/json"),
    CONFIG("application/json");

    private final String contentType;

    BlobType(String contentType) {
        this.contentType = contentType;
    }

    /** {@code binary}, {@code json} or {@code config} in any case; anything else is a 400 naming the allowed values. */
    public static BlobType parse(String value) {
        BlobType type = find(value);
        if (type != null) {
            return type;
        }
        throw ApiException.badRequest("Blob type " + Values.q(value) + " is not one of binary, json or config");
    }

    /** The type whose suffix equals {@code value} ignoring case, or {@code null}. */
    static BlobType find(String value) {
        if (value != null) {
            for (BlobType type : values()) {
                if (type.suffix().equalsIgnoreCase(value)) {
                    return type;
                }
            }
        }
        return null;
    }

    /** The lower-case name used after the comma, e.g. {@code json}. */
    public String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Content-Type a download of this type is served with. */
    public String contentType() {
        return contentType;
    }
}
