package io.savepoint.metadata.clips.view;

import java.util.List;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A GameClip as clients parse it (spec C.3 and the live shape in the fixtures' CLIENTS.md section 6): all 30 fields
 * real traffic carries, never null (empty strings and zeros instead), xuid as a string, plus the documented
 * {@code source} and {@code visibility}. Written by {@link GameClipJsonSerializer}, in that order.
 */
@RegisterForReflection
@JsonSerialize(using = GameClipJsonSerializer.class)
public record GameClipJson(
        String gameClipId,
        String state,
        String datePublished,
        String dateRecorded,
        String lastModified,
        String userCaption,
        String type,
        long durationInSeconds,
        String scid,
        long titleId,
        double rating,
        long ratingCount,
        long views,
        String titleData,
        String systemProperties,
        boolean savedByUser,
        String achievementId,
        String greatestMomentId,
        List<Thumbnail> thumbnails,
        List<GameClipUri> gameClipUris,
        String xuid,
        String clipName,
        String titleName,
        String gameClipLocale,
        String clipContentAttributes,
        String deviceType,
        long commentCount,
        long likeCount,
        long shareCount,
        long partialViews,
        String source,
        String visibility) {

    /** GameClipThumbnail (spec C.4). */
    @RegisterForReflection
    public record Thumbnail(String uri, long fileSize, String thumbnailType) {
    }

    /** GameClipUri (spec C.5). */
    @RegisterForReflection
    public record GameClipUri(String uri, long fileSize, String uriType, String expiration) {
    }

    /** GetClipResponse (spec C.7). */
    @RegisterForReflection
    public record GetClipResponse(SerializedClip gameClip) {
    }
}
