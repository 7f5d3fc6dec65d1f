package io.savepoint.metadata.clips.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.savepoint.metadata.clips.moderation.ClipFlagReview;
import io.savepoint.metadata.clips.moderation.ClipFlagReview.Decision;
import io.savepoint.metadata.clips.moderation.ClipFlagReview.FlaggedClip;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.CallerResolver;

/** Operator review of flagged clips (operator role required). */
@Path("/admin/clip-flags")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "GameClips (operator)")
public class ClipFlagAdminResource {

    private static final int MAX_LIMIT = 1000;

    /** The operator's decision on a flagged clip. */
    @RegisterForReflection
    public record ResolveRequest(String resolution) {
    }

    @Inject
    ClipFlagReview review;

    @Inject
    CallerResolver callers;

    @GET
    @Operation(summary = "Clips with open flags, oldest first")
    public List<FlaggedClip> open(@QueryParam("limit") @DefaultValue("100") int limit) {
        callers.operator();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ".");
        }
        return review.open(limit);
    }

    @POST
    @Path("/{gameClipId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve a clip's flags: Cleared (it returns) or Removed (it is deleted)")
    public Decision resolve(@PathParam("gameClipId") String gameClipId, ResolveRequest request) {
        return review.resolve(callers.operator(), gameClipId, request == null ? null : request.resolution());
    }
}
