package io.savepoint.storage.titlestorage;

import java.util.Set;

import io.savepoint.grpc.v1.StorageFamily;
import io.savepoint.protocol.ApiException;
import io.savepoint.storage.titlestorage.rules.BlobType;

/** The Title Storage families: URI prefix, owner kind and the blob types each accepts (spec B.3, B.10). */
public enum TitleStorageFamily {
    TRUSTED("trustedplatform", StorageFamily.TRUSTED, true, Set.of(BlobType.BINARY, BlobType.JSON)),
    UNIVERSAL("universalplatform", StorageFamily.UNIVERSAL, true, Set.of(BlobType.BINARY, BlobType.JSON)),
    UNTRUSTED("untrustedplatform", StorageFamily.UNTRUSTED, true, Set.of(BlobType.BINARY, BlobType.JSON)),
    JSON("json", StorageFamily.JSON, true, Set.of(BlobType.JSON)),
    SESSION("sessions", StorageFamily.SESSION, false, Set.of(BlobType.BINARY, BlobType.JSON)),
    GLOBAL("global", StorageFamily.GLOBAL, false, Set.of(BlobType.BINARY, BlobType.JSON, BlobType.CONFIG));

    /** The per-user prefixes, as a JAX-RS path regex. */
    public static final String USER_PREFIXES = "trustedplatform|universalplatform|untrustedplatform|json";

    public final String prefix;
    public final StorageFamily family;
    public final boolean perUser;
    public final Set<BlobType> types;

    TitleStorageFamily(String prefix, StorageFamily family, boolean perUser, Set<BlobType> types) {
        this.prefix = prefix;
        this.family = family;
        this.perUser = perUser;
        this.types = types;
    }

    public static TitleStorageFamily ofUserPrefix(String prefix) {
        for (TitleStorageFamily f : values()) {
            if (f.perUser && f.prefix.equals(prefix)) {
                return f;
            }
        }
        throw ApiException.notFound("Unknown storage family '" + prefix + "'.");
    }

    public void requireType(BlobType type) {
        if (!types.contains(type)) {
            throw ApiException.badRequest("The " + prefix + " family stores " + types.stream().map(BlobType::suffix).sorted().toList()
                    + " blobs, not " + type.suffix() + ".");
        }
    }
}
