package io.savepoint.metadata.clips;

/** GameClipState (spec C.9), spelled as the REST API writes it. A new upload starts as {@link #PendingUpload}. */
public enum GameClipState {
    None, PendingUpload, PendingDelete, Processed, Processing, Publishing, Published, Flagged, Banned, Uploaded, Deleted, Error;

    /**
     * Failed, expired or deleted: the clip's bytes are given back, so a blob committed for it afterwards (its upload
     * or processing was authorized before) must be removed too.
     */
    public boolean keepsNoBytes() {
        return this == Error || this == PendingDelete || this == Deleted;
    }
}
