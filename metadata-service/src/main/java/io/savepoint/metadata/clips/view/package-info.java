/**
 * How a clip looks to clients: the GameClip JSON ({@link GameClipJson}, written field by field by
 * {@link GameClipJsonSerializer}) and the list body ({@link QueryClipsResponse}). {@link ClipQueryService} makes a
 * clip's JSON once per row version, title, language and URI minute and caches it ({@link SerializedClip}), with signed
 * download URIs ({@link ClipDownloadUris}) and localized names ({@link LocalizedText}).
 */
package io.savepoint.metadata.clips.view;
