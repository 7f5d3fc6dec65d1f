package io.savepoint.storage.titlestorage.rest;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;
import io.savepoint.protocol.CallerResolver;
import io.savepoint.protocol.ConnectedOutput;
import io.savepoint.protocol.PagingParams;
import io.savepoint.storage.StorageConfig;
import io.savepoint.storage.titlestorage.QuotaInfoResponse;
import io.savepoint.storage.titlestorage.StorageOwner;
import io.savepoint.storage.titlestorage.StorageTarget;
import io.savepoint.storage.titlestorage.TitleBatchDownloadService;
import io.savepoint.storage.titlestorage.TitleDeleteService;
import io.savepoint.storage.titlestorage.TitleDownloadService;
import io.savepoint.storage.titlestorage.TitleListService;
import io.savepoint.storage.titlestorage.TitleQuotaService;
import io.savepoint.storage.titlestorage.TitleStorageAccess;
import io.savepoint.storage.titlestorage.TitleStorageAccess.Access;
import io.savepoint.storage.titlestorage.TitleStorageFamily;
import io.savepoint.storage.titlestorage.TitleUploadService;
import io.savepoint.storage.titlestorage.rules.BatchDownloadRequest;
import io.savepoint.storage.titlestorage.rules.BlobName;
import io.savepoint.storage.titlestorage.rules.ConfigResolver;
import io.savepoint.storage.titlestorage.rules.ETags;
import io.savepoint.storage.titlestorage.rules.MultipartBatchWriter;
import io.vertx.core.http.HttpServerResponse;

/**
 * The titlestorage REST API (spec part B): quota, list, download, upload, delete and batch download for the per-user
 * families, sessions and global storage. Thin: parsing here; who may do what in {@link TitleStorageAccess}, the rules of
 * each method in its service.
 */
@Path("/")
@Authenticated
@Tag(name = "Title Storage")
public class TitleStorageResource {

    private static final String USER = "{family: " + TitleStorageFamily.USER_PREFIXES + "}/users/{owner}/scids/{scid}";
    private static final String SESSION = "sessions/{sessionId}/scids/{scid}";
    private static final String GLOBAL = "global/scids/{scid}";
    private static final String DATA = "/data{blob: (/.*)?}";

    @Inject
    TitleStorageAccess access;

    @Inject
    TitleQuotaService quotas;

    @Inject
    TitleListService lists;

    @Inject
    TitleDownloadService downloads;

    @Inject
    TitleUploadService uploads;

    @Inject
    TitleDeleteService deletes;

    @Inject
    TitleBatchDownloadService batches;

    @Inject
    CallerResolver callers;

    @Inject
    StorageConfig config;

    // ------------------------------------------------------------ quota

    @GET
    @Path(USER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Quota of a user's storage")
    public QuotaInfoResponse userQuota(@PathParam("family") String family, @PathParam("owner") String owner,
            @PathParam("scid") String scid) {
        return quotas.quota(userTarget(family, owner, scid, Access.READ));
    }

    @GET
    @Path(SESSION)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Quota of a session's storage")
    public QuotaInfoResponse sessionQuota(@PathParam("sessionId") String sessionId, @PathParam("scid") String scid) {
        return quotas.quota(access.target(callers.user(), TitleStorageFamily.SESSION, session(sessionId), scid, Access.READ));
    }

    @GET
    @Path(GLOBAL)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Quota of the title's global storage")
    public QuotaInfoResponse globalQuota(@PathParam("scid") String scid) {
        return quotas.quota(access.target(callers.userOrOperator(), TitleStorageFamily.GLOBAL, "", scid, Access.READ));
    }

    // ------------------------------------------------------------ list and download

    @GET
    @Path(USER + DATA)
    @Operation(summary = "List a user's blobs under a path, or download one blob (path ending in ,type)")
    public Response userGet(@PathParam("family") String family, @PathParam("owner") String owner, @PathParam("scid") String scid,
            @PathParam("blob") String blob, @BeanParam ReadParams params, HttpServerResponse connection) {
        Caller caller = callers.user();
        return get(caller, access.target(caller, TitleStorageFamily.ofUserPrefix(family), StorageOwner.xuid(owner), scid, Access.READ),
                blob, params,
                connection);
    }

    @GET
    @Path(SESSION + DATA)
    @Operation(summary = "List or download a session's blobs")
    public Response sessionGet(@PathParam("sessionId") String sessionId, @PathParam("scid") String scid, @PathParam("blob") String blob,
            @BeanParam ReadParams params, HttpServerResponse connection) {
        Caller caller = callers.user();
        return get(caller, access.target(caller, TitleStorageFamily.SESSION, session(sessionId), scid, Access.READ), blob, params,
                connection);
    }

    @GET
    @Path(GLOBAL + DATA)
    @Operation(summary = "List or download the title's global blobs (config blobs resolve their virtual nodes)")
    public Response globalGet(@PathParam("scid") String scid, @PathParam("blob") String blob, @BeanParam ReadParams params,
            HttpServerResponse connection) {
        Caller caller = callers.userOrOperator();
        return get(caller, access.target(caller, TitleStorageFamily.GLOBAL, "", scid, Access.READ), blob, params, connection);
    }

    // ------------------------------------------------------------ upload

    @PUT
    @Path(USER + DATA)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload a user's blob (whole, or binary in blocks with finalBlock/continuationToken)")
    public Response userPut(@PathParam("family") String family, @PathParam("owner") String owner, @PathParam("scid") String scid,
            @PathParam("blob") String blob, @BeanParam WriteParams params, InputStream body) {
        TitleStorageFamily f = TitleStorageFamily.ofUserPrefix(family);
        Response response = put(userTarget(family, owner, scid, Access.WRITE), blob, params, body);
        // JSON storage answers 201 with an empty object (spec B.4).
        return f == TitleStorageFamily.JSON && response.getStatus() == 201 && response.getEntity() == null
                ? Response.fromResponse(response).entity(Map.of()).type(MediaType.APPLICATION_JSON).build()
                : response;
    }

    @PUT
    @Path(SESSION + DATA)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload a session's blob")
    public Response sessionPut(@PathParam("sessionId") String sessionId, @PathParam("scid") String scid, @PathParam("blob") String blob,
            @BeanParam WriteParams params, InputStream body) {
        return put(access.target(callers.user(), TitleStorageFamily.SESSION, session(sessionId), scid, Access.WRITE), blob, params, body);
    }

    @PUT
    @Path(GLOBAL + DATA)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload a global blob (operator role; the GlobalStorage tool's upload)")
    public Response globalPut(@PathParam("scid") String scid, @PathParam("blob") String blob, @BeanParam WriteParams params,
            InputStream body) {
        return put(access.target(callers.userOrOperator(), TitleStorageFamily.GLOBAL, "", scid, Access.WRITE), blob, params, body);
    }

    // ------------------------------------------------------------ delete

    @DELETE
    @Path(USER + DATA)
    @Operation(summary = "Delete a user's blob (200 also when it did not exist)")
    public Response userDelete(@PathParam("family") String family, @PathParam("owner") String owner, @PathParam("scid") String scid,
            @PathParam("blob") String blob, @HeaderParam("If-Match") String ifMatch) {
        return delete(userTarget(family, owner, scid, Access.WRITE), blob, ifMatch);
    }

    @DELETE
    @Path(SESSION + DATA)
    @Operation(summary = "Delete a session's blob")
    public Response sessionDelete(@PathParam("sessionId") String sessionId, @PathParam("scid") String scid, @PathParam("blob") String blob,
            @HeaderParam("If-Match") String ifMatch) {
        return delete(access.target(callers.user(), TitleStorageFamily.SESSION, session(sessionId), scid, Access.WRITE), blob, ifMatch);
    }

    @DELETE
    @Path(GLOBAL + DATA)
    @Operation(summary = "Delete a global blob (operator role)")
    public Response globalDelete(@PathParam("scid") String scid, @PathParam("blob") String blob, @HeaderParam("If-Match") String ifMatch) {
        return delete(access.target(callers.userOrOperator(), TitleStorageFamily.GLOBAL, "", scid, Access.WRITE), blob, ifMatch);
    }

    // ------------------------------------------------------------ batch

    @POST
    @Path("{family: " + TitleStorageFamily.USER_PREFIXES + "}/users/batch/scids/{scid}/data/{blob: .+}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Download the same file of many users as multipart/form-data (spec B.6)")
    public Response batch(@PathParam("family") String family, @PathParam("scid") String scid, @PathParam("blob") String blob,
            BatchDownloadRequest request, HttpServerResponse connection) {
        Caller caller = callers.user();
        BlobName name = BlobName.parse(blob);
        List<String> xuids = BatchDownloadRequest.validatedXuids(request, config.batchMaxXuids());
        List<TitleBatchDownloadService.BatchItem> items = batches.batch(caller, TitleStorageFamily.ofUserPrefix(family), scid, name, xuids);
        String boundary = MultipartBatchWriter.newBoundary();
        StreamingOutput body = ConnectedOutput.streaming(connection, response -> {
            // Buffered: the parts' many small writes would otherwise each become an HTTP chunk.
            var out = new BufferedOutputStream(response, 64 * 1024);
            MultipartBatchWriter writer = new MultipartBatchWriter(out, boundary);
            for (TitleBatchDownloadService.BatchItem item : items) {
                if (item.content() == null) {
                    writer.part(item.xuid(), item.status(), null, null, null);
                } else {
                    // streamed from the blob's blocks (or its inline bytes), never held whole in memory
                    writer.streamPart(item.xuid(), item.status(), item.etag(), item.contentType(),
                            part -> batches.write(item.content(), part));
                }
            }
            writer.finish();
        });
        return Response.ok(body).type("multipart/form-data; boundary=" + boundary).build();
    }

    // ------------------------------------------------------------ shared handling

    /** Query parameters (paging included) and headers of a GET. */
    public static class ReadParams extends PagingParams {
        @QueryParam("select")
        public String select;
        @QueryParam("customSelector")
        public String customSelector;
        @HeaderParam("Range")
        public String range;
        @HeaderParam("If-Range")
        public String ifRange;
        @HeaderParam("If-Match")
        public String ifMatch;
        @HeaderParam("If-None-Match")
        public String ifNoneMatch;
        @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE)
        public String acceptLanguage;
    }

    /** Query parameters and headers of a PUT. */
    public static class WriteParams {
        @QueryParam("clientFileTime")
        public String clientFileTime;
        @QueryParam("displayName")
        public String displayName;
        @QueryParam("continuationToken")
        public String continuationToken;
        @QueryParam("finalBlock")
        public String finalBlock;
        @HeaderParam("If-Match")
        public String ifMatch;
        @HeaderParam("If-None-Match")
        public String ifNoneMatch;
        @HeaderParam(HttpHeaders.CONTENT_LENGTH)
        public Long contentLength;
    }

    private StorageTarget userTarget(String family, String owner, String scid, Access mode) {
        return access.target(callers.user(), TitleStorageFamily.ofUserPrefix(family), StorageOwner.xuid(owner), scid, mode);
    }

    private Response get(Caller caller, StorageTarget target, String blob, ReadParams params, HttpServerResponse connection) {
        String path = stripSlash(blob);
        if (!isBlob(path)) {
            return Response.ok(lists.list(target, BlobName.parsePrefix(path), count("maxItems", params.maxItems),
                    count("skipItems", params.skipItems), params.continuationToken))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        TitleDownloadService.Download download = downloads.download(target, BlobName.parse(path),
                ETags.Conditions.parse(params.ifMatch, params.ifNoneMatch),
                new TitleDownloadService.RangeHeaders(params.range, params.ifRange), params.select, params.customSelector,
                ConfigResolver.parseAcceptLanguage(params.acceptLanguage), caller);
        Response.ResponseBuilder response = Response.status(download.status()).header(HttpHeaders.ETAG, ETags.quoted(download.etag()));
        if (download.body() != null) {
            StreamingOutput body = ConnectedOutput.streaming(connection, out -> download.body().writeTo(out));
            response.entity(body).type(download.contentType()).header(HttpHeaders.CONTENT_LENGTH, download.contentLength());
        }
        if (download.contentRange() != null) {
            response.header("Content-Range", download.contentRange());
        }
        return response.header("Accept-Ranges", "bytes").build();
    }

    private Response put(StorageTarget target, String blob, WriteParams params, InputStream body) {
        String path = stripSlash(blob);
        if (!isBlob(path)) {
            throw ApiException.badRequest("Upload to a blob: the path must end with ',binary', ',json' or ',config'.");
        }
        TitleUploadService.UploadResult result = uploads.upload(target, BlobName.parse(path),
                new TitleUploadService.UploadParams(params.clientFileTime, params.displayName, params.continuationToken,
                        finalBlock(params.finalBlock)),
                ETags.Conditions.parse(params.ifMatch, params.ifNoneMatch), body, params.contentLength);
        Response.ResponseBuilder response = Response.status(result.status());
        if (result.etag() != null) {
            response.header(HttpHeaders.ETAG, ETags.quoted(result.etag()));
        }
        if (result.continuationToken() != null) {
            response.entity(Map.of("continuationToken", result.continuationToken())).type(MediaType.APPLICATION_JSON);
        }
        return response.build();
    }

    private Response delete(StorageTarget target, String blob, String ifMatch) {
        String path = stripSlash(blob);
        if (!isBlob(path)) {
            throw ApiException.badRequest("Delete a blob: the path must end with ',binary', ',json' or ',config'.");
        }
        deletes.delete(target, BlobName.parse(path), ETags.Conditions.parse(ifMatch, null));
        return Response.ok().build();
    }

    private static Integer count(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, got '" + value + "'.");
        }
    }

    private static Boolean finalBlock(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.badRequest("finalBlock must be true or false, got '" + value + "'.");
        };
    }

    private static String session(String sessionId) {
        if (!sessionId.matches("[A-Za-z0-9_.~-]{1,128}")) {
            throw ApiException
                    .badRequest("sessionId '" + sessionId + "' must be '<template>~<session>' of letters, digits, '_', '.', '-'.");
        }
        return sessionId;
    }

    private static boolean isBlob(String path) {
        return path.contains(",");
    }

    private static String stripSlash(String blob) {
        return blob == null ? "" : blob.startsWith("/") ? blob.substring(1) : blob;
    }
}
