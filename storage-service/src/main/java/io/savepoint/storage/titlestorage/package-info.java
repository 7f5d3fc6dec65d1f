/**
 * Title Storage (spec part B), one class per method: who may read or write where ({@link TitleStorageAccess}, which
 * every request passes first), then {@link TitleQuotaService}, {@link TitleListService}, {@link TitleDownloadService},
 * {@link TitleUploadService}, {@link TitleDeleteService} and {@link TitleBatchDownloadService}. Blobs are
 * {@link TitleBlobEntry} rows pointing at blob-engine versions; unfinished multi-block uploads are {@link TitleUpload}
 * rows, expired by {@link TitleUploadSweeper}. The REST resource is in {@code rest}, the format rules in {@code rules}.
 */
package io.savepoint.storage.titlestorage;
