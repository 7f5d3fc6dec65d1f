package io.savepoint.storage.titlestorage.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.savepoint.grpc.v1.StorageFamily;
import io.savepoint.protocol.CallerResolver;
import io.savepoint.storage.titlestorage.QuotaInfoResponse;
import io.savepoint.storage.titlestorage.StorageOwner;
import io.savepoint.storage.titlestorage.TitleStorageFamilies;
import io.savepoint.storage.titlestorage.TitleStorageService;

/** Title Storage quota (spec B.1) for every family. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Title Storage")
public class QuotaResource {

    @Inject
    TitleStorageService storage;

    @Inject
    CallerResolver callers;

    @GET
    @Path("{family: " + TitleStorageFamilies.USER_FAMILY_PATTERN + "}/users/{owner}/scids/{scid}")
    @Operation(summary = "Quota of a user's storage (trusted, universal, untrusted, json)")
    public QuotaInfoResponse userQuota(@PathParam("family") String family, @PathParam("owner") String owner, @PathParam("scid") String scid) {
        return storage.quota(callers.user(), TitleStorageFamilies.ofUserPrefix(family), StorageOwner.xuid(owner), scid);
    }

    @GET
    @Path("sessions/{sessionId}/scids/{scid}")
    @Operation(summary = "Quota of a session's storage")
    public QuotaInfoResponse sessionQuota(@PathParam("sessionId") String sessionId, @PathParam("scid") String scid) {
        return storage.quota(callers.user(), StorageFamily.SESSION, sessionId, scid);
    }

    @GET
    @Path("global/scids/{scid}")
    @Operation(summary = "Quota of the title's global storage")
    public QuotaInfoResponse globalQuota(@PathParam("scid") String scid) {
        return storage.quota(callers.userOrOperator(), StorageFamily.GLOBAL, "", scid);
    }
}
