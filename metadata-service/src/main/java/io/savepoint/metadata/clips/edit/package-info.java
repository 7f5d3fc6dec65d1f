/**
 * Changes to a clip through the REST API: the owner updates or deletes it ({@link ClipEditService},
 * {@link ClipUpdate}) and sets who sees their clips of visibility Default ({@link ClipPrivacyService}); any viewer
 * rates it, counts a view or flags it ({@link ClipFeedbackService}).
 */
package io.savepoint.metadata.clips.edit;
