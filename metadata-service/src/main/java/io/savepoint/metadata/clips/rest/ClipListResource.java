package io.savepoint.metadata.clips.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import io.savepoint.metadata.clips.list.ClipListService.ClipPage;
import io.savepoint.metadata.clips.view.ClipQueryService;
import io.savepoint.metadata.clips.view.QueryClipsResponse;
import io.savepoint.protocol.Caller;
import io.savepoint.protocol.CallerResolver;

/**
 * The clip lists (spec A.4–A.6): the documented routes and the ones live clients call (fixtures' CLIENTS.md §6).
 * ownerId is {@code me} or {@code xuid(N)}; paging by maxItems, skipItems and continuationToken. The list of one
 * SCID, {@code /users/{ownerId}/scids/{scid}/clips}, is served by {@link ClipResource}, which owns that path.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "GameClips")
public class ClipListResource {

    @Inject
    ClipListService lists;

    @Inject
    ClipQueryService clips;

    @Inject
    CallerResolver callers;

    @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE)
    String acceptLanguage;

    @GET
    @Path("users/{ownerId}/clips")
    @Operation(summary = "A user's clips, newest first by default")
    public QueryClipsResponse userClips(@PathParam("ownerId") String ownerId, @BeanParam ClipListParams params) {
        return response(lists.ownerClips(caller(), ownerId, null, null, false, params));
    }

    @GET
    @Path("users/{ownerId}/clips/saved")
    @Operation(summary = "A user's clips they saved")
    public QueryClipsResponse userSavedClips(@PathParam("ownerId") String ownerId, @BeanParam ClipListParams params) {
        return response(lists.ownerClips(caller(), ownerId, null, null, true, params));
    }

    @GET
    @Path("users/{ownerId}/titles/{titleId}/clips")
    @Operation(summary = "A user's clips of one title")
    public QueryClipsResponse userTitleClips(@PathParam("ownerId") String ownerId, @PathParam("titleId") String titleId,
            @BeanParam ClipListParams params) {
        return response(lists.ownerClips(caller(), ownerId, null, titleId, false, params));
    }

    @GET
    @Path("users/{ownerId}/titles/{titleId}/clips/saved")
    @Operation(summary = "A user's saved clips of one title")
    public QueryClipsResponse userTitleSavedClips(@PathParam("ownerId") String ownerId, @PathParam("titleId") String titleId,
            @BeanParam ClipListParams params) {
        return response(lists.ownerClips(caller(), ownerId, null, titleId, true, params));
    }

    @GET
    @Path("public/scids/{scid}/clips")
    @Operation(summary = "Public clips of a SCID (no ascending order)")
    public QueryClipsResponse publicScidClips(@PathParam("scid") String scid, @BeanParam ClipListParams params) {
        return response(lists.publicClips(caller(), scid, null, false, params));
    }

    @GET
    @Path("public/titles/{titleId}/clips")
    @Operation(summary = "Public clips of a title (no ascending order)")
    public QueryClipsResponse publicTitleClips(@PathParam("titleId") String titleId, @BeanParam ClipListParams params) {
        return response(lists.publicClips(caller(), null, titleId, false, params));
    }

    @GET
    @Path("public/titles/{titleId}/clips/saved")
    @Operation(summary = "Public clips of a title that their owners saved")
    public QueryClipsResponse publicTitleSavedClips(@PathParam("titleId") String titleId, @BeanParam ClipListParams params) {
        return response(lists.publicClips(caller(), null, titleId, true, params));
    }

    private Caller caller() {
        return callers.gameClipsReader();
    }

    private QueryClipsResponse response(ClipPage page) {
        return clips.page(page, acceptLanguage);
    }
}
