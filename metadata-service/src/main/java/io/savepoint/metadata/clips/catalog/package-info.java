/**
 * What the ClipCatalog contract ({@code clip_catalog.proto}) looks like from this side, shared by its server
 * ({@code grpc/ClipCatalogGrpcService}) and its two halves ({@code upload/ClipUploadCatalog},
 * {@code processing/ClipProcessingCatalog}): refusals with a typed reason ({@link CatalogRefusal}) and the clip states
 * ({@link ClipStateMapper}).
 *
 * <p>A new refusal: a {@code RefusalReason} in the proto, thrown through {@link CatalogRefusal}, and its HTTP answer
 * in transfer-service's {@code MetadataClipCatalogClient.translate}. A new clip state: {@code GameClipState}, the
 * proto's {@code ClipState}, {@link ClipStateMapper} and transfer-service's {@code UploadStatus.stateName}.
 */
package io.savepoint.metadata.clips.catalog;
