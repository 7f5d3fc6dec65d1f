package io.savepoint.metadata.clips.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.savepoint.metadata.clips.edit.ClipEditService;
import io.savepoint.metadata.clips.edit.ClipFeedbackService;
import io.savepoint.metadata.clips.edit.ClipFeedbackService.RatingSummary;
import io.savepoint.metadata.clips.view.ClipQueryService;
import io.savepoint.metadata.clips.view.GameClipJson.GetClipResponse;
import io.savepoint.protocol.Caller;
import io.savepoint.protocol.CallerResolver;
import io.savepoint.protocol.XblClaims;

/**
 * Changes to one clip (spec A.8–A.12): the owner updates or deletes it; anyone who may see it rates it, counts a
 * view or flags it. Reading it is {@link ClipResource}.
 */
@Path("/users/{ownerId}/scids/{scid}/clips/{gameClipId}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "GameClips")
public class ClipActionsResource {

    @Inject
    ClipEditService edits;

    @Inject
    ClipFeedbackService feedback;

    @Inject
    ClipQueryService clips;

    @Inject
    CallerResolver callers;

    @PathParam("ownerId")
    String ownerId;

    @PathParam("scid")
    String scid;

    @PathParam("gameClipId")
    String gameClipId;

    /** The body is read as text so malformed JSON is a 400 naming the problem. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Update the caller's own clip (userCaption, visibility, titleData; all or nothing); answers the clip")
    public GetClipResponse update(String body, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return new GetClipResponse(clips.json(edits.update(caller(), ownerId, scid, gameClipId, body), acceptLanguage));
    }

    @DELETE
    @Operation(summary = "Delete the caller's own clip and its bytes: 204, then 404")
    public Response delete() {
        edits.delete(caller(), ownerId, scid, gameClipId);
        return Response.noContent().build();
    }

    @POST
    @Path("/ratings/{ratingValue}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Rate the clip 1-5 (one rating per rater; a new one replaces the old)")
    public RatingSummary rate(@PathParam("ratingValue") String ratingValue) {
        return feedback.rate(caller(), ownerId, scid, gameClipId, ratingValue);
    }

    @POST
    @Path("/views")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Count one view (call after 75-80% of playback)")
    public Response view() {
        feedback.view(caller(), ownerId, scid, gameClipId);
        return Response.ok().build();
    }

    @POST
    @Path("/flag")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Report the clip for review: it is hidden until an operator resolves the report")
    public Response flag() {
        feedback.flag(caller(), ownerId, scid, gameClipId);
        return Response.ok().build();
    }

    private Caller caller() {
        return callers.require(XblClaims.XUID, XblClaims.SANDBOX_ID);
    }
}
