package io.savepoint.metadata.titles;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who may read a user's blobs of a family: the Partner Center "Owner Only" / "Everyone" setting. */
public enum ReadAccess {
    @JsonProperty("OwnerOnly")
    OWNER_ONLY,
    @JsonProperty("Everyone")
    EVERYONE
}
