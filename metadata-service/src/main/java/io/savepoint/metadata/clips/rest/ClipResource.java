package io.savepoint.metadata.clips.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.savepoint.metadata.clips.list.ClipListParams;
import io.savepoint.metadata.clips.list.ClipListService;
import io.savepoint.metadata.clips.upload.ClipUploadService;
import io.savepoint.metadata.clips.upload.InitialUploadResponse;
import io.savepoint.metadata.clips.view.ClipQueryService;
import io.savepoint.metadata.clips.view.GameClipJson.GetClipResponse;
import io.savepoint.metadata.clips.view.QueryClipsResponse;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;
import io.savepoint.protocol.CallerResolver;

/**
 * A user's clips in one SCID: the initial upload request (spec A.1, POST on /users/me/...), their list (spec A.5)
 * and one clip (spec A.7, GET, which also refreshes its URIs). One class serves both, so "me" and "xuid(n)" owners route alike.
 */
@Path("/users/{ownerId}/scids/{scid}/clips")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "GameClips")
public class ClipResource {

    @Inject
    ClipUploadService uploads;

    @Inject
    ClipQueryService clips;

    @Inject
    ClipListService lists;

    @Inject
    CallerResolver callers;

    /** The body is read as text and parsed by the validator, so malformed JSON is a 400 naming the problem. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Start a clip upload: reserve quota, answer the clip id and upload URIs (InitialUploadResponse)")
    public InitialUploadResponse initialUpload(@PathParam("ownerId") String ownerId, @PathParam("scid") String scid, String body,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        if (!"me".equals(ownerId)) {
            throw ApiException.notFound("Clips are uploaded by their owner: POST /users/me/scids/" + scid + "/clips.");
        }
        return uploads.initialUpload(callers.user(), scid, body, idempotencyKey, acceptLanguage);
    }

    @GET
    @Operation(summary = "A user's clips of one SCID (QueryClipsResponse), newest first by default")
    public QueryClipsResponse list(@PathParam("ownerId") String ownerId, @PathParam("scid") String scid, @BeanParam ClipListParams params,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Caller caller = callers.gameClipsReader();
        return clips.page(lists.ownerClips(caller, ownerId, scid, null, false, params), acceptLanguage);
    }

    @GET
    @Path("/{gameClipId}")
    @Operation(summary = "One clip (GetClipResponse); a Published clip carries freshly signed download URIs")
    public GetClipResponse get(@PathParam("ownerId") String ownerId, @PathParam("scid") String scid,
            @PathParam("gameClipId") String gameClipId, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return new GetClipResponse(clips.find(callers.gameClipsReader(), ownerId, scid, gameClipId,
                acceptLanguage));
    }
}
