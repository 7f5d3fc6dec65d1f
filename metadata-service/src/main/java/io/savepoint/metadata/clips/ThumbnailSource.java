package io.savepoint.metadata.clips;

/** ThumbnailSource (spec C.9): generated at 3 s, generated at an offset, or uploaded by the client. */
public enum ThumbnailSource {
    Default, Offset, Upload
}
