package io.savepoint.storage.titlestorage;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.savepoint.grpc.v1.StoragePolicy;
import io.savepoint.grpc.v1.Title;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;
import io.savepoint.protocol.XblClaims;
import io.savepoint.storage.StorageConfig;
import io.savepoint.storage.quota.QuotaUsage;
import io.savepoint.storage.titles.ScidAccess;

/**
 * Who may read or write which place in Title Storage: the caller's title, sandbox, the family's policy and the owner.
 * Every request resolves its {@link StorageTarget} here before anything is read or written.
 */
@ApplicationScoped
public class TitleStorageAccess {

    /** What the caller is about to do at the target. */
    public enum Access {
        READ,
        WRITE
    }

    private final ScidAccess scidAccess;
    private final StorageConfig config;

    TitleStorageAccess(ScidAccess scidAccess, StorageConfig config) {
        this.scidAccess = scidAccess;
        this.config = config;
    }

    /** Resolves and authorizes a place in Title Storage; every refusal is a 403 that says why. */
    public StorageTarget target(Caller caller, TitleStorageFamily family, String owner, String scid, Access access) {
        Title title = scidAccess.titleOf(caller, scid);
        StoragePolicy policy = ScidAccess.enabledPolicy(title, family.family);
        if (caller.sandboxId() == null) {
            throw ApiException.forbidden("Title Storage needs the '" + XblClaims.SANDBOX_ID
                    + "' claim to know which sandbox's data to use.");
        }
        if (access == Access.WRITE) {
            if (family == TitleStorageFamily.GLOBAL && !caller.isOperator()) {
                throw ApiException.forbidden("Global storage is written only by the operator role (Partner Center / GlobalStorage tool).");
            }
            if (family.perUser && !owner.equals(caller.xuid())) {
                throw ApiException
                        .forbidden("Only xuid(" + owner + ") may write its own storage; the caller is xuid(" + caller.xuid() + ").");
            }
            if (family == TitleStorageFamily.TRUSTED && !config.trustedDeviceTypes().contains(caller.deviceType())) {
                throw ApiException.forbidden("Trusted storage is written only from trusted platforms " + config.trustedDeviceTypes()
                        + "; the caller's deviceType is " + caller.deviceType() + ".");
            }
        } else if (family.perUser && !owner.equals(caller.xuid()) && !ScidAccess.othersMayRead(policy)) {
            throw ApiException.forbidden("Storage of xuid(" + owner + ") is readable by its owner only for this title.");
        }
        QuotaUsage.Scope scope = new QuotaUsage.Scope(caller.sandboxId(), scid.toLowerCase(Locale.ROOT), family.family.name(), owner);
        return new StorageTarget(title, policy, family, scope);
    }
}
