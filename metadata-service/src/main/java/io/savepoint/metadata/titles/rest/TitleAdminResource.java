package io.savepoint.metadata.titles.rest;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.savepoint.metadata.titles.TitleDocument;
import io.savepoint.metadata.titles.service.TitleService;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.CallerResolver;

/** Operator API of the title registry (operator role required). */
@Path("/admin/titles")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Titles (operator)")
public class TitleAdminResource {

    @Inject
    TitleService titles;

    @Inject
    CallerResolver callers;

    @GET
    @Operation(summary = "List registered titles")
    public List<TitleDocument> list() {
        callers.operator();
        return titles.list().stream().map(TitleService::toDocument).toList();
    }

    @GET
    @Path("/{titleId}")
    @Operation(summary = "Get one title")
    public TitleDocument get(@PathParam("titleId") long titleId) {
        callers.operator();
        return titles.load(titleId).map(TitleService::toDocument)
                .orElseThrow(() -> ApiException.notFound("Title " + titleId + " is not registered."));
    }

    @PUT
    @Path("/{titleId}")
    @Operation(summary = "Create or replace a title")
    public Response put(@PathParam("titleId") long titleId, @Valid @NotNull TitleDocument document) {
        callers.operator();
        if (document.titleId() != null && document.titleId() != titleId) {
            throw ApiException.badRequest("Body titleId " + document.titleId() + " does not match the path's " + titleId + ".");
        }
        boolean created = titles.put(document);
        TitleDocument stored = get(titleId);
        return created ? Response.created(URI.create("/admin/titles/" + titleId)).entity(stored).build() : Response.ok(stored).build();
    }

    @DELETE
    @Path("/{titleId}")
    @Operation(summary = "Delete a title")
    public Response delete(@PathParam("titleId") long titleId) {
        callers.operator();
        if (!titles.delete(titleId)) {
            throw ApiException.notFound("Title " + titleId + " is not registered.");
        }
        return Response.noContent().build();
    }
}
