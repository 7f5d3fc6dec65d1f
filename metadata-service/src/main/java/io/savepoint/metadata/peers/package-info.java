/**
 * metadata-service's gRPC clients, one per contract it calls, named by the peer they reach: storage-service's
 * BlobStore (only to delete clips' bytes, {@link StorageBlobCleanupClient}) and Quota ({@link StorageQuotaClient}).
 * Their channel is {@code quarkus.grpc.clients.storage}.
 */
package io.savepoint.metadata.peers;
