package io.savepoint.metadata.peers;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.grpc.GrpcClient;
import io.savepoint.grpc.v1.BlobRef;
import io.savepoint.grpc.v1.BlobStoreGrpc;
import io.savepoint.grpc.v1.UploadRef;
import io.savepoint.protocol.GrpcConfig;

/**
 * storage-service's BlobStore, as the catalog needs it: dropping the bytes of clips that will never be published.
 * Failures (storage down or slow) propagate so the caller can retry later.
 */
@ApplicationScoped
public class StorageBlobCleanupClient {

    @GrpcClient("storage")
    BlobStoreGrpc.BlobStoreBlockingStub blobs;

    @Inject
    GrpcConfig grpc;

    /** Deletes every version and staged block of the blob; deleting a missing blob succeeds. */
    public void delete(BlobRef blob) {
        stub().delete(blob);
    }

    /** Drops the blocks staged under an upload that will never be committed; succeeds when there are none. */
    public void abandonUpload(String uploadId) {
        stub().abandonUpload(UploadRef.newBuilder().setUploadId(uploadId).build());
    }

    private BlobStoreGrpc.BlobStoreBlockingStub stub() {
        return blobs.withDeadlineAfter(grpc.deadline().toMillis(), TimeUnit.MILLISECONDS);
    }
}
