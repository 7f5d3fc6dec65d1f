package io.savepoint.metadata.clips.read;

import java.time.Instant;

import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipSource;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.GameClipVisibility;

/**
 * What the read paths (GET one clip, list pages) need of a game_clip row: the fields of its GameClip JSON and the
 * sort keys of the lists. A plain value, not the entity, so reading a page neither fills 51 columns nor pays for
 * Hibernate's dirty tracking on each of them. {@code rowVersion} is the row's {@code xmin}: PostgreSQL writes a new
 * row version, with the writing transaction's id, on every update, so an unchanged {@code rowVersion} means unchanged
 * columns.
 */
public record ClipRow(
        String gameClipId,
        String ownerXuid,
        long titleId,
        String scid,
        String deviceType,
        GameClipState state,
        String greatestMomentId,
        String userCaption,
        Instant dateRecorded,
        long durationInSeconds,
        long fileSize,
        String types,
        GameClipSource source,
        GameClipVisibility visibility,
        String titleData,
        String systemProperties,
        boolean savedByUser,
        Instant createdAt,
        Instant lastModifiedAt,
        Long uploadedSize,
        Instant publishedAt,
        Long largeThumbnailSize,
        Long smallThumbnailSize,
        double rating,
        long ratingCount,
        long views,
        long rowVersion) {

    /** {@link #rowVersion} of a row not read from the table (the write paths' entities): its JSON is never reused. */
    public static final long UNKNOWN_VERSION = 0;

    /** The row of a clip loaded through Hibernate (the write paths answer with the clip they changed). */
    public static ClipRow of(GameClip clip) {
        return new ClipRow(clip.gameClipId, clip.ownerXuid, clip.titleId, clip.scid, clip.deviceType, clip.state,
                clip.greatestMomentId, clip.userCaption, clip.dateRecorded, clip.durationInSeconds, clip.fileSize, clip.types,
                clip.source, clip.visibility, clip.titleData, clip.systemProperties, clip.savedByUser, clip.createdAt,
                clip.lastModifiedAt, clip.uploadedSize, clip.publishedAt, clip.largeThumbnailSize, clip.smallThumbnailSize,
                clip.rating, clip.ratingCount, clip.views, UNKNOWN_VERSION);
    }
}
