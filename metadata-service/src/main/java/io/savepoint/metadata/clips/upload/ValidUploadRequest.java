package io.savepoint.metadata.clips.upload;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import io.savepoint.metadata.clips.GameClipSource;
import io.savepoint.metadata.clips.GameClipType;
import io.savepoint.metadata.clips.GameClipVisibility;
import io.savepoint.metadata.clips.ThumbnailSource;

/**
 * An InitialUploadRequest that passed {@link InitialUploadValidator}: typed, canonical spelling, defaults applied
 * (expectedBlocks 1 for a single-request upload, thumbnailSource Default, savedByUser false).
 */
record ValidUploadRequest(
        String greatestMomentId,
        String userCaption,
        String sessionRef,
        Instant dateRecorded,
        long durationInSeconds,
        long expectedBlocks,
        long fileSize,
        List<GameClipType> types,
        GameClipSource source,
        GameClipVisibility visibility,
        String titleData,
        String systemProperties,
        List<String> usersInSession,
        ThumbnailSource thumbnailSource,
        Integer thumbnailOffsetMillis,
        boolean savedByUser) {

    /** The type flags as stored: canonical names joined by commas. */
    public String typesText() {
        return types.stream().map(Enum::name).collect(Collectors.joining(","));
    }
}
