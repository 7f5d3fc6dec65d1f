package io.savepoint.storage.titlestorage;

import jakarta.enterprise.context.ApplicationScoped;

import io.savepoint.grpc.v1.StorageFamily;
import io.savepoint.grpc.v1.StoragePolicy;
import io.savepoint.grpc.v1.Title;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;
import io.savepoint.storage.quota.QuotaService;
import io.savepoint.storage.quota.QuotaUsage;
import io.savepoint.storage.titles.ScidAccess;

/** Title Storage operations, checked against the caller's title, sandbox and the family's policy. */
@ApplicationScoped
public class TitleStorageService {

    private final ScidAccess scidAccess;
    private final QuotaService quota;

    TitleStorageService(ScidAccess scidAccess, QuotaService quota) {
        this.scidAccess = scidAccess;
        this.quota = quota;
    }

    /** Quota of a user's (or a session's, or the global) storage of one family under a SCID. */
    public QuotaInfoResponse quota(Caller caller, StorageFamily family, String owner, String scid) {
        Title title = scidAccess.titleOf(caller, scid);
        StoragePolicy policy = ScidAccess.enabledPolicy(title, family);
        boolean perUser = family != StorageFamily.GLOBAL && family != StorageFamily.SESSION;
        if (perUser && !owner.equals(caller.xuid()) && !ScidAccess.othersMayRead(policy)) {
            throw ApiException.forbidden("Storage of xuid(" + owner + ") is readable by its owner only for this title.");
        }
        String sandbox = caller.sandboxId() == null ? "" : caller.sandboxId();
        long used = quota.usedBytes(new QuotaUsage.Scope(sandbox, scid.toLowerCase(java.util.Locale.ROOT), family.name(), owner));
        return new QuotaInfoResponse(new QuotaInfoResponse.QuotaInfo(used, policy.getQuotaBytes()));
    }
}
