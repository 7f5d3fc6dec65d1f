package io.savepoint.protocol;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Gives resources the caller of the current request, checking the claims each endpoint needs. A missing claim is a
 * 403 naming it; a missing or invalid token never gets this far (401 from the authentication mechanism).
 */
@RequestScoped
public class CallerResolver {

    @Inject
    JsonWebToken jwt;

    @Inject
    SecurityIdentity identity;

    @Inject
    VerifiedCallers verifiedCallers;

    /** A user call: all five Xbox Live claims are required (xuid, deviceType, deviceId, titleId, sandboxId). */
    public Caller user() {
        return require(XblClaims.XUID, XblClaims.DEVICE_TYPE, XblClaims.DEVICE_ID, XblClaims.TITLE_ID, XblClaims.SANDBOX_ID);
    }

    /** The caller with exactly the named claims required. */
    public Caller require(String... claims) {
        if (jwt == null || jwt.getRawToken() == null) {
            throw new ApiException(401, ErrorCode.AUTHORIZATION,
                    "Authentication required: send 'Authorization: XBL3.0 x=<userhash>;<token>' or 'Authorization: Bearer <token>'.");
        }
        // The identity's principal is the verified token itself (the injected jwt is a request-scoped proxy).
        Caller caller = identity.getPrincipal() instanceof JsonWebToken token ? verifiedCallers.of(token) : Caller.of(jwt);
        List<String> missing = new ArrayList<>();
        for (String claim : claims) {
            if (caller.claim(claim) == null) {
                missing.add(claim);
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.forbidden("The token lacks required claim(s): " + String.join(", ", missing) + ".");
        }
        return caller;
    }

    /**
     * A GameClips read (one clip or a list): the xuid claim (403 when missing, as every required claim) and the
     * sandboxId claim, whose absence the spec answers with 400 (A.7, D.6): reads are scoped to the caller's sandbox.
     */
    public Caller gameClipsReader() {
        Caller caller = require(XblClaims.XUID);
        if (caller.sandboxId() == null) {
            throw ApiException.badRequest("The token lacks the " + XblClaims.SANDBOX_ID
                    + " claim: GameClips are read within the caller's sandbox.");
        }
        return caller;
    }

    /** A user call with all five claims, or an operator (who may act without user claims, e.g. on global storage). */
    public Caller userOrOperator() {
        Caller caller = require();
        return caller.isOperator() ? caller : user();
    }

    /** An operator call: the token must carry the operator role in 'groups'. */
    public Caller operator() {
        Caller caller = require();
        if (!caller.isOperator()) {
            throw ApiException.forbidden(
                    "This endpoint needs the '" + XblClaims.OPERATOR_ROLE + "' role in the token's '" + XblClaims.GROUPS + "' claim.");
        }
        return caller;
    }
}
