package io.savepoint.metadata.clips.view;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One clip's GameClip JSON object ({@link GameClipJson}), already serialized as UTF-8: list pages and single reads are
 * assembled from these by {@code ClipJsonBodyWriter}, so a clip that did not change is not serialized again.
 */
@Schema(implementation = GameClipJson.class)
public final class SerializedClip {

    private final byte[] utf8;

    public SerializedClip(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The JSON object's bytes; shared, never to be modified. */
    public byte[] utf8() {
        return utf8;
    }
}
