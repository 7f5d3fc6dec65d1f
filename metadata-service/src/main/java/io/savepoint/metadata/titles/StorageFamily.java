package io.savepoint.metadata.titles;

import com.fasterxml.jackson.annotation.JsonValue;

/** Title Storage families as named in title documents (the URI prefixes, spec B.10). */
public enum StorageFamily {
    TRUSTED("trusted", 256L << 20, false),
    UNIVERSAL("universal", 64L << 20, false),
    UNTRUSTED("untrusted", 64L << 20, false),
    JSON("json", 64L << 20, false),
    SESSION("session", 256L << 20, false),
    GLOBAL("global", 256L << 20, true);

    private final String jsonName;
    /** The quotas of the Title Storage overview; the deprecated families get the universal or session figure. */
    public final long defaultQuotaBytes;
    public final boolean readableByEveryoneByDefault;

    StorageFamily(String jsonName, long defaultQuotaBytes, boolean readableByEveryoneByDefault) {
        this.jsonName = jsonName;
        this.defaultQuotaBytes = defaultQuotaBytes;
        this.readableByEveryoneByDefault = readableByEveryoneByDefault;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    public StoragePolicy defaultPolicy() {
        return new StoragePolicy(true, readableByEveryoneByDefault ? ReadAccess.EVERYONE : ReadAccess.OWNER_ONLY, defaultQuotaBytes);
    }

    public static StorageFamily fromJson(String name) {
        for (StorageFamily family : values()) {
            if (family.jsonName.equalsIgnoreCase(name)) {
                return family;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
