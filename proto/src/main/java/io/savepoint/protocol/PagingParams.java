package io.savepoint.protocol;

import jakarta.ws.rs.QueryParam;

/**
 * The paging query parameters of the list endpoints, as sent: strings, which each service parses and answers with a 400
 * naming the parameter when one is not a number. A service's {@code @BeanParam} class extends this one with its own
 * parameters.
 */
public class PagingParams {

    @QueryParam("maxItems")
    public String maxItems;

    @QueryParam("skipItems")
    public String skipItems;

    @QueryParam("continuationToken")
    public String continuationToken;
}
