package io.savepoint.metadata.clips;

/** GameClipState (spec C.9), spelled as the REST API writes it. A new upload starts as {@link #PendingUpload}. */
public enum GameClipState {
    None, PendingUpload, PendingDelete, Processed, Processing, Publishing, Published, Flagged, Banned, Uploaded, Deleted, Error
}
