package io.savepoint.metadata.clips;

/**
 * GameClipTypes flags (spec C.9): the documented values plus the ones samples and XSAPI use (spec E.7). {@code None}
 * is listed so it can be named in errors; it is not valid for an upload.
 */
public enum GameClipType {
    None, MetadataOnly, DeveloperInitiated, Achievement, UserGenerated, MagicMoment
}
