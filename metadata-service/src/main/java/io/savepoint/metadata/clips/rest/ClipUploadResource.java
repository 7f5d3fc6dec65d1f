package io.savepoint.metadata.clips.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import io.savepoint.metadata.clips.InitialUploadResponse;
import io.savepoint.metadata.clips.service.ClipUploadService;
import io.savepoint.protocol.CallerResolver;

/** GameClips initial upload request (spec A.1): POST /users/me/scids/{scid}/clips. */
@Path("/users/me/scids/{scid}/clips")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "GameClips")
public class ClipUploadResource {

    @Inject
    ClipUploadService uploads;

    @Inject
    CallerResolver callers;

    /** The body is read as text and parsed by the validator, so malformed JSON is a 400 naming the problem. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Start a clip upload: reserve quota, answer the clip id and upload URIs (InitialUploadResponse)")
    public InitialUploadResponse initialUpload(@PathParam("scid") String scid, String body,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return uploads.initialUpload(callers.user(), scid, body, idempotencyKey, acceptLanguage);
    }
}
