package io.savepoint.metadata.titles.grpc;

import io.savepoint.grpc.v1.ClipNameString;
import io.savepoint.grpc.v1.ReadAccess;
import io.savepoint.grpc.v1.StorageFamily;
import io.savepoint.grpc.v1.StoragePolicy;
import io.savepoint.grpc.v1.Title;

/** Maps registry entities to their gRPC messages. */
final class TitleMessages {

    private TitleMessages() {
    }

    static Title toMessage(io.savepoint.metadata.titles.Title title) {
        Title.Builder message = Title.newBuilder()
                .setTitleId(title.titleId)
                .addAllScids(title.scids.stream().sorted().toList())
                .addAllSandboxIds(title.sandboxIds)
                .setDefaultLocale(title.defaultLocale)
                .putAllDisplayNames(title.displayNames)
                .setClipQuotaBytes(title.clipQuotaBytes);
        title.clipNames.forEach((id, localized) -> message.addClipNames(
                ClipNameString.newBuilder().setStringId(id).putAllLocalized(localized)));
        title.storagePolicies.forEach((family, policy) -> message.addStoragePolicies(StoragePolicy.newBuilder()
                .setFamily(family(io.savepoint.metadata.titles.StorageFamily.fromJson(family)))
                .setEnabled(policy.enabled())
                .setReadAccess(policy.readAccess() == io.savepoint.metadata.titles.ReadAccess.EVERYONE ? ReadAccess.EVERYONE
                        : ReadAccess.OWNER_ONLY)
                .setQuotaBytes(policy.quotaBytes())));
        return message.build();
    }

    private static StorageFamily family(io.savepoint.metadata.titles.StorageFamily family) {
        return switch (family) {
            case TRUSTED -> StorageFamily.TRUSTED;
            case UNIVERSAL -> StorageFamily.UNIVERSAL;
            case UNTRUSTED -> StorageFamily.UNTRUSTED;
            case JSON -> StorageFamily.JSON;
            case SESSION -> StorageFamily.SESSION;
            case GLOBAL -> StorageFamily.GLOBAL;
        };
    }
}
