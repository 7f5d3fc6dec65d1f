package io.savepoint.transfer.upload.rest;

import java.io.InputStream;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.savepoint.protocol.CallerResolver;
import io.savepoint.transfer.thumbnails.ThumbnailUploadService;
import io.savepoint.transfer.upload.BlockUploadService;
import io.savepoint.transfer.upload.UploadMetrics;
import io.savepoint.transfer.upload.UploadStatus;

/** A clip's upload URI (spec A.2): {@code /upload/xuid({xuid})/{gameClipId}/container}, its blocks and thumbnails. */
@Path("/upload/{owner}/{gameClipId}/container")
@Authenticated
@Tag(name = "GameClips transfer")
public class ClipUploadResource {

    @Inject
    BlockUploadService uploads;

    @Inject
    ThumbnailUploadService thumbnails;

    @Inject
    CallerResolver callers;

    @Inject
    UploadMetrics metrics;

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload block blockNum of the clip: 202 while blocks are missing, 201 for the request that completes the upload")
    public Response putBlock(@PathParam("owner") String owner, @PathParam("gameClipId") String gameClipId,
            @QueryParam("blockNum") String blockNum, @QueryParam("uploadId") String uploadId,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, @HeaderParam("Content-MD5") String contentMd5, InputStream body) {
        var request = new BlockUploadService.BlockRequest(owner, gameClipId, blockNum, uploadId, contentLength, contentMd5);
        return switch (metrics.recordBlock(body, counted -> uploads.putBlock(callers.user(), request, counted))) {
            case COMPLETED -> Response.status(Response.Status.CREATED).build();
            case ACCEPTED -> Response.accepted().build();
        };
    }

    /** {@code ?status} is accepted and changes nothing: the URI alone answers the status. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which blocks of the upload are stored and which are missing (to resume an interrupted upload)")
    public UploadStatus status(@PathParam("owner") String owner, @PathParam("gameClipId") String gameClipId) {
        return uploads.status(callers.user(), owner, gameClipId);
    }

    @PUT
    @Path("thumbnails/{kind}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload the clip's large or small thumbnail (JPEG or PNG; thumbnailSource Upload only)")
    public Response putThumbnail(@PathParam("owner") String owner, @PathParam("gameClipId") String gameClipId,
            @PathParam("kind") String kind, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, InputStream body) {
        thumbnails.put(callers.user(), owner, gameClipId, kind, contentLength, body);
        return Response.status(Response.Status.CREATED).build();
    }
}
