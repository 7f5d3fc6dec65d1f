/**
 * storage-service's gRPC client, named by the peer it reaches: metadata-service's TitleDirectory
 * ({@link MetadataTitleDirectoryClient}, channel {@code title-directory}), which {@code titles/ScidAccess} asks.
 */
package io.savepoint.storage.peers;
