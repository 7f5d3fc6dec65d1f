package io.savepoint.metadata.clips.list;

import jakarta.ws.rs.QueryParam;

import io.savepoint.protocol.PagingParams;

/**
 * The query parameters every clip list takes (spec A.4, A.6, D.8), as sent, paging included: {@link ClipListQuery}
 * validates them.
 * Unknown parameters (skip_items, title_id, …) are ignored, as live clients expect.
 */
public class ClipListParams extends PagingParams {

    @QueryParam("qualifier")
    public String qualifier;

    /** The docs spell it this way (spec A.4); both are accepted. */
    @QueryParam("qualifer")
    public String qualifierMisspelt;

    @QueryParam("order")
    public String order;

    @QueryParam("type")
    public String type;

    @QueryParam("achievementId")
    public String achievementId;

    @QueryParam("greatestMomentId")
    public String greatestMomentId;

    @QueryParam("eventId")
    public String eventId;
}
