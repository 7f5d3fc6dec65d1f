package io.savepoint.metadata.clips;

/** GameClipSource (spec C.9). {@code None} is not valid for an upload. */
public enum GameClipSource {
    None, Console, TitleDirect, Intermediate, UserInitiated
}
