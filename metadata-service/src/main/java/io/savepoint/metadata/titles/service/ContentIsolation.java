package io.savepoint.metadata.titles.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.savepoint.metadata.titles.Title;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;
import io.savepoint.protocol.TitleIsolation;
import io.savepoint.protocol.XblClaims;

/**
 * Content isolation (spec A.1, A.5–A.8, D.6), the one rule for every GameClips route with a {@code {scid}} or a
 * {@code {titleId}}: the SCID or title is registered, runs in the caller's sandbox, and is the caller's own title. By
 * default only the title itself reads or writes its data (D.6 "Cross-title sharing"). A token without a title claim is
 * not a game but a platform experience (a hub, the Xbox app: D.6's "Anonymous" entry), which may read and give
 * feedback in its sandbox; changing a clip needs the owning title's token.
 */
@ApplicationScoped
public class ContentIsolation {

    private final TitleService titles;

    ContentIsolation(TitleService titles) {
        this.titles = titles;
    }

    /** The title of {@code scid} for a read or feedback (rating, view, flag); 400 if not a GUID, 403 when denied. */
    public Title readableScid(Caller caller, String scid) {
        return permitted(caller, titleOfScid(scid), "SCID " + scid, false);
    }

    /** The title of {@code scid} for a change by its owner (upload, update, delete): the token must name that title. */
    public Title writableScid(Caller caller, String scid) {
        return permitted(caller, titleOfScid(scid), "SCID " + scid, true);
    }

    /** The title {@code titleId} (decimal text from a URI) for a read; 400 if not a title id, 403 when denied. */
    public Title readableTitle(Caller caller, String titleId) {
        long id;
        try {
            id = Long.parseLong(titleId);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("titleId must be a decimal title id, got '" + titleId + "'.");
        }
        Title title = titles.find(id).orElseThrow(() -> ApiException.forbidden("Title " + titleId + " is not registered."));
        return permitted(caller, title, "Title " + titleId, false);
    }

    private Title titleOfScid(String scid) {
        return titles.findByScid(TitleIsolation.scid(scid))
                .orElseThrow(() -> ApiException.forbidden("SCID " + scid + " is not registered to any title."));
    }

    private static Title permitted(Caller caller, Title title, String what, boolean write) {
        TitleIsolation.requireOwnTitle(caller, title.titleId, what);
        if (caller.titleId() == null && write) {
            throw ApiException.forbidden("The token has no '" + XblClaims.TITLE_ID + "' claim: only the title owning "
                    + what + " may change its clips.");
        }
        TitleIsolation.requireSandbox(caller, title.titleId, title.sandboxIds);
        return title;
    }
}
