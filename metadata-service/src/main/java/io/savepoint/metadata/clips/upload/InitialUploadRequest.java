package io.savepoint.metadata.clips.upload;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of POST /users/me/scids/{scid}/clips as the client sends it (spec C.1), before validation. Both names of
 * the clip-name string id are accepted ({@code greatestMomentId}, {@code clipNameStringId}); the offset keeps the
 * spec's spelling {@code thumbnailOffsetMillseconds}. Unknown fields are ignored.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record InitialUploadRequest(
        String greatestMomentId,
        String clipNameStringId,
        String userCaption,
        String sessionRef,
        String dateRecorded,
        Long durationInSeconds,
        Long expectedBlocks,
        Long fileSize,
        String type,
        String source,
        String visibility,
        String titleData,
        String systemProperties,
        List<String> usersInSession,
        String thumbnailSource,
        Long thumbnailOffsetMillseconds,
        Boolean savedByUser) {
}
