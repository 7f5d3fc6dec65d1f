package io.savepoint.protocol;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The parts of content isolation (spec D.6) that GameClips ({@code ContentIsolation} in metadata-service) and Title
 * Storage ({@code ScidAccess} in storage-service) share: a SCID is a GUID, a title reaches only its own data, and only
 * in the sandboxes it runs in. Each service decides around them who may act without a title claim.
 */
public final class TitleIsolation {

    /** A SCID: a GUID, in any case (a constant, for {@code @Pattern}). */
    public static final String SCID_REGEX = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern SCID = Pattern.compile(SCID_REGEX);

    private TitleIsolation() {
    }

    /** The SCID in lower case; 400 unless it is a GUID. */
    public static String scid(String scid) {
        if (scid == null || !SCID.matcher(scid).matches()) {
            throw ApiException.badRequest("SCID '" + scid + "' is not a GUID.");
        }
        return scid.toLowerCase(Locale.ROOT);
    }

    /** 403 when the caller's token names another title than {@code titleId}, the owner of {@code what}. */
    public static void requireOwnTitle(Caller caller, long titleId, String what) {
        if (caller.titleId() != null && caller.titleId() != titleId) {
            throw ApiException.forbidden(what + " does not belong to the caller's title " + caller.titleId() + " (it is title "
                    + titleId + "'s); a title reaches only its own data.");
        }
    }

    /** 403 unless title {@code titleId} runs in the caller's sandbox. */
    public static void requireSandbox(Caller caller, long titleId, Collection<String> sandboxIds) {
        if (!sandboxIds.contains(caller.sandboxId())) {
            throw ApiException.forbidden("Title " + titleId + " does not run in sandbox " + caller.sandboxId() + ".");
        }
    }
}
