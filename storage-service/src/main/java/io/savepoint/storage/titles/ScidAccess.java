package io.savepoint.storage.titles;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.savepoint.grpc.v1.ReadAccess;
import io.savepoint.grpc.v1.StorageFamily;
import io.savepoint.grpc.v1.StoragePolicy;
import io.savepoint.grpc.v1.Title;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;
import io.savepoint.protocol.TitleIsolation;
import io.savepoint.storage.peers.MetadataTitleDirectoryClient;

/** Content isolation (spec D.6): a caller reaches only its own title's SCIDs, in that title's sandboxes. */
@ApplicationScoped
public class ScidAccess {

    private final MetadataTitleDirectoryClient directory;

    ScidAccess(MetadataTitleDirectoryClient directory) {
        this.directory = directory;
    }

    /** The caller's title when it owns {@code scid} and runs in the caller's sandbox; 403 otherwise. */
    public Title titleOf(Caller caller, String scid) {
        Title title = directory.resolveScid(TitleIsolation.scid(scid))
                .orElseThrow(() -> ApiException.forbidden("SCID " + scid + " is not registered to any title."));
        if (caller.isOperator() && caller.titleId() == null) {
            // an operator acts for any title, but only in sandboxes the title runs in
            if (caller.sandboxId() != null) {
                TitleIsolation.requireSandbox(caller, title.getTitleId(), title.getSandboxIdsList());
            }
            return title;
        }
        caller.requireTitleId();
        TitleIsolation.requireOwnTitle(caller, title.getTitleId(), "SCID " + scid);
        TitleIsolation.requireSandbox(caller, title.getTitleId(), title.getSandboxIdsList());
        return title;
    }

    /** The title's policy for a family; 403 when the family is not enabled for it. */
    public static StoragePolicy enabledPolicy(Title title, StorageFamily family) {
        return title.getStoragePoliciesList().stream()
                .filter(p -> p.getFamily() == family && p.getEnabled())
                .findFirst()
                .orElseThrow(() -> ApiException.forbidden(family.name().toLowerCase(Locale.ROOT)
                        + " storage is not enabled for title " + title.getTitleId() + "."));
    }

    /** Whether a caller may read data owned by another user under this policy. */
    public static boolean othersMayRead(StoragePolicy policy) {
        return policy.getReadAccess() == ReadAccess.EVERYONE;
    }
}
