package io.savepoint.storage.titlestorage;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One entry of a list (spec C.15). Optional fields are omitted rather than null: XSAPI fails on a null clientFileTime.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TitleBlob(String fileName, String clientFileTime, String displayName, String etag, long size, String smartBlobType) {
}
