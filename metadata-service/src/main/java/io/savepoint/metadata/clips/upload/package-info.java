/**
 * Uploading a clip: the initial upload request (spec A.1: validation, quota reservation, the PendingUpload clip) in
 * {@link ClipUploadService}, and the upload half of ClipCatalog that transfer-service asks while blocks and
 * thumbnails arrive ({@link ClipUploadCatalog}: which blocks may be stored, and PendingUpload to Uploaded).
 */
package io.savepoint.metadata.clips.upload;
