/**
 * The operators' review of flagged clips ({@link ClipFlagReview}): which clips wait for a decision, and the decision.
 * Viewers flag clips through {@code edit/ClipFeedbackService.flag}.
 */
package io.savepoint.metadata.clips.moderation;
