package io.savepoint.metadata.clips.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to an initial upload request (spec C.2), plus {@code clipName} and {@code titleName} as the POST page's
 * sample has them. The thumbnail URIs are present only when {@code thumbnailSource} is {@code Upload}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"gameClipId", "uploadUri", "largeThumbnailUri", "smallThumbnailUri", "clipName", "titleName"})
public record InitialUploadResponse(
        String gameClipId,
        String uploadUri,
        String largeThumbnailUri,
        String smallThumbnailUri,
        String clipName,
        String titleName) {
}
