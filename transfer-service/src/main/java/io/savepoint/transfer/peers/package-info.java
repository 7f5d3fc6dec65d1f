/**
 * transfer-service's gRPC clients, named by the peer they reach: metadata-service's ClipCatalog
 * ({@link MetadataClipCatalogClient}, channel {@code clip-catalog}) and storage-service's BlobStore
 * ({@link StorageBlobClient}, channel {@code blob-store}; {@link StageBlockCall} streams one block into it).
 */
package io.savepoint.transfer.peers;
