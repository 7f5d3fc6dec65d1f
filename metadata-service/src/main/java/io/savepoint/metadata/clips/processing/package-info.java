/**
 * Processing uploaded clips: the processing half of ClipCatalog ({@link ClipProcessingCatalog}: leases to
 * transfer-service's workers, Published or Error at the end), and the {@code savepoint_clips_in_pipeline} gauge that
 * shows whether processing keeps up ({@link ClipPipelineGaugeRefresher}, a scheduled job).
 */
package io.savepoint.metadata.clips.processing;
