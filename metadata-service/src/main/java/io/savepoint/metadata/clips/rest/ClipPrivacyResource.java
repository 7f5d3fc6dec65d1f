package io.savepoint.metadata.clips.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.savepoint.metadata.clips.edit.ClipPrivacyService;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.CallerResolver;
import io.savepoint.protocol.XblClaims;

/**
 * The caller's privacy setting for the clips they create with visibility Default (a Savepoint endpoint; Xbox Live
 * keeps this in its privacy service): {@code {"createdContent":"Everyone"|"OwnerOnly"}}.
 */
@Path("/users/me/privacy/gameclips")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "GameClips")
public class ClipPrivacyResource {

    /** Who sees the owner's clips of visibility Default. */
    @RegisterForReflection
    public record ClipPrivacy(String createdContent) {
    }

    @Inject
    ClipPrivacyService privacy;

    @Inject
    CallerResolver callers;

    @GET
    @Operation(summary = "Who may see the caller's clips of visibility Default")
    public ClipPrivacy get() {
        return new ClipPrivacy(privacy.get(callers.require(XblClaims.XUID).xuid()).name());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set who may see the caller's clips of visibility Default: Everyone or OwnerOnly")
    public ClipPrivacy put(ClipPrivacy setting) {
        if (setting == null) {
            throw ApiException.badRequest("The body must be {\"createdContent\":\"Everyone\"} or {\"createdContent\":\"OwnerOnly\"}.");
        }
        return new ClipPrivacy(privacy.set(callers.require(XblClaims.XUID).xuid(), setting.createdContent()).name());
    }
}
