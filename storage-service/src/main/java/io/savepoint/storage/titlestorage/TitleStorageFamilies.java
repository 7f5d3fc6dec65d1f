package io.savepoint.storage.titlestorage;

import io.savepoint.grpc.v1.StorageFamily;
import io.savepoint.protocol.ApiException;

/** The URI prefix of each per-user Title Storage family (spec B.10). */
public final class TitleStorageFamilies {

    public static final String USER_FAMILY_PATTERN = "trustedplatform|universalplatform|untrustedplatform|json";

    private TitleStorageFamilies() {
    }

    public static StorageFamily ofUserPrefix(String prefix) {
        return switch (prefix) {
            case "trustedplatform" -> StorageFamily.TRUSTED;
            case "universalplatform" -> StorageFamily.UNIVERSAL;
            case "untrustedplatform" -> StorageFamily.UNTRUSTED;
            case "json" -> StorageFamily.JSON;
            default -> throw ApiException.notFound("Unknown storage family '" + prefix + "'.");
        };
    }
}
