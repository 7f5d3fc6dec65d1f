package io.savepoint.metadata.clips.view;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** QueryClipsResponse (spec C.6) as live lists send it: {@code {"gameClips":[…],"pagingInfo":{"continuationToken":…}}}. */
@RegisterForReflection
public record QueryClipsResponse(List<SerializedClip> gameClips, PagingInfo pagingInfo) {

    /** PagingInfo (spec C.10): the token of the next page, {@code null} on the last one (written, never omitted). */
    @RegisterForReflection
    public record PagingInfo(@JsonInclude(JsonInclude.Include.ALWAYS) String continuationToken) {
    }
}
