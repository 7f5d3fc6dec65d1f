package io.savepoint.storage.titlestorage;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"blobs":[…],"pagingInfo":{"continuationToken":…,"totalItems":…}}}: both paging keys always present. */
@RegisterForReflection
public record TitleBlobList(List<TitleBlob> blobs, PagingInfo pagingInfo) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PagingInfo(String continuationToken, long totalItems) {
    }
}
