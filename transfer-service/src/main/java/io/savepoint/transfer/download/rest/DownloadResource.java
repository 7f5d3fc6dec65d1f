package io.savepoint.transfer.download.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.savepoint.protocol.ConnectedOutput;
import io.savepoint.transfer.download.DownloadService;
import io.vertx.core.http.HttpServerResponse;

/** Signed download URIs of a clip's video and thumbnails (spec A.3): no Authorization, the URI is the credential. */
@Path("/download/{gameClipId}/{asset}")
@Tag(name = "GameClips transfer")
public class DownloadResource {

    @Inject
    DownloadService downloads;

    @GET
    @Operation(summary = "Download a clip's video or thumbnail, whole or one Range (206, with If-Range), with ETag and If-None-Match (304)")
    public Response get(@PathParam("gameClipId") String gameClipId, @PathParam("asset") String asset, @QueryParam("se") String expiry,
            @QueryParam("sig") String signature, @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            HttpServerResponse connection) {
        DownloadService.Download download = downloads.prepare(gameClipId, asset, expiry, signature, range, ifRange, ifNoneMatch);
        Response.ResponseBuilder response = headers(download);
        if (download.status() != 304) {
            // A client that goes away cancels the read in storage-service at the next write.
            response.entity(ConnectedOutput.streaming(connection, out -> downloads.write(download, out)));
        }
        return response.build();
    }

    @HEAD
    @Operation(summary = "The headers a GET would answer, without the bytes")
    public Response head(@PathParam("gameClipId") String gameClipId, @PathParam("asset") String asset, @QueryParam("se") String expiry,
            @QueryParam("sig") String signature, @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return headers(downloads.prepare(gameClipId, asset, expiry, signature, range, ifRange, ifNoneMatch)).build();
    }

    private static Response.ResponseBuilder headers(DownloadService.Download download) {
        Response.ResponseBuilder response = Response.status(download.status()).header(HttpHeaders.ETAG, download.etag())
                .header("Accept-Ranges", "bytes").header(HttpHeaders.CACHE_CONTROL, "private");
        if (download.status() == 304) {
            return response;
        }
        download.range().ifPresent(r -> response.header("Content-Range", r.contentRange(download.version().getSize())));
        return response.type(download.version().getContentType()).header(HttpHeaders.CONTENT_LENGTH, download.contentLength());
    }
}
