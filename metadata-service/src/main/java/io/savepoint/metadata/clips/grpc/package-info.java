/**
 * The ClipCatalog gRPC server for transfer-service; it delegates to {@code upload/ClipUploadCatalog} and
 * {@code processing/ClipProcessingCatalog}. A new RPC: {@code clip_catalog.proto}, this server, the half it belongs
 * to, and transfer-service's {@code peers/MetadataClipCatalogClient}.
 */
package io.savepoint.metadata.clips.grpc;
