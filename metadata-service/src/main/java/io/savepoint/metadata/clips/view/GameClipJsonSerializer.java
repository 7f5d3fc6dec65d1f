package io.savepoint.metadata.clips.view;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.savepoint.metadata.clips.view.GameClipJson.GameClipUri;
import io.savepoint.metadata.clips.view.GameClipJson.Thumbnail;

/**
 * Writes a GameClip field by field in the order live traffic carries them. A list page writes 25 clips, and the bean
 * serializer's reflective getters cost about a fifth of the page's CPU time; this writes the same JSON without them.
 */
@RegisterForReflection
public class GameClipJsonSerializer extends StdSerializer<GameClipJson> {

    public GameClipJsonSerializer() {
        super(GameClipJson.class);
    }

    @Override
    public void serialize(GameClipJson clip, JsonGenerator out, SerializerProvider provider) throws IOException {
        out.writeStartObject();
        out.writeStringField("gameClipId", clip.gameClipId());
        out.writeStringField("state", clip.state());
        out.writeStringField("datePublished", clip.datePublished());
        out.writeStringField("dateRecorded", clip.dateRecorded());
        out.writeStringField("lastModified", clip.lastModified());
        out.writeStringField("userCaption", clip.userCaption());
        out.writeStringField("type", clip.type());
        out.writeNumberField("durationInSeconds", clip.durationInSeconds());
        out.writeStringField("scid", clip.scid());
        out.writeNumberField("titleId", clip.titleId());
        out.writeNumberField("rating", clip.rating());
        out.writeNumberField("ratingCount", clip.ratingCount());
        out.writeNumberField("views", clip.views());
        out.writeStringField("titleData", clip.titleData());
        out.writeStringField("systemProperties", clip.systemProperties());
        out.writeBooleanField("savedByUser", clip.savedByUser());
        out.writeStringField("achievementId", clip.achievementId());
        out.writeStringField("greatestMomentId", clip.greatestMomentId());
        out.writeArrayFieldStart("thumbnails");
        for (Thumbnail thumbnail : clip.thumbnails()) {
            out.writeStartObject();
            out.writeStringField("uri", thumbnail.uri());
            out.writeNumberField("fileSize", thumbnail.fileSize());
            out.writeStringField("thumbnailType", thumbnail.thumbnailType());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeArrayFieldStart("gameClipUris");
        for (GameClipUri uri : clip.gameClipUris()) {
            out.writeStartObject();
            out.writeStringField("uri", uri.uri());
            out.writeNumberField("fileSize", uri.fileSize());
            out.writeStringField("uriType", uri.uriType());
            out.writeStringField("expiration", uri.expiration());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeStringField("xuid", clip.xuid());
        out.writeStringField("clipName", clip.clipName());
        out.writeStringField("titleName", clip.titleName());
        out.writeStringField("gameClipLocale", clip.gameClipLocale());
        out.writeStringField("clipContentAttributes", clip.clipContentAttributes());
        out.writeStringField("deviceType", clip.deviceType());
        out.writeNumberField("commentCount", clip.commentCount());
        out.writeNumberField("likeCount", clip.likeCount());
        out.writeNumberField("shareCount", clip.shareCount());
        out.writeNumberField("partialViews", clip.partialViews());
        out.writeStringField("source", clip.source());
        out.writeStringField("visibility", clip.visibility());
        out.writeEndObject();
    }
}
