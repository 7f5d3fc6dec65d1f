package io.savepoint.metadata.clips;

/** GameClipVisibility (spec C.9). {@code None} ("invalid in most cases") is refused for an upload. */
public enum GameClipVisibility {
    None, Default, Owner, Title, Public
}
