package io.savepoint.metadata.clips;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.savepoint.grpc.v1.BlobRef;
import io.savepoint.grpc.v1.BlobStoreGrpc;
import io.savepoint.grpc.v1.CommitRequest;
import io.savepoint.grpc.v1.StageBlockChunk;
import io.savepoint.grpc.v1.StageBlockHeader;
import io.savepoint.grpc.v1.StagedBlock;
import io.savepoint.grpc.v1.UploadRef;
import io.savepoint.protocol.ClipAssetUris;

/** Puts real bytes into storage-service, as transfer-service would, so tests can see the catalog remove them. */
public final class StoredBlobs {

    private StoredBlobs() {
    }

    /** Stages block 0 of the clip's asset under the clip's upload id, without committing it. */
    public static void stage(BlobStoreGrpc.BlobStoreBlockingStub blobs, String gameClipId, String asset, byte[] bytes) {
        // The injected stub's channel carries the service-token interceptor; client streaming needs the async stub.
        CompletableFuture<StagedBlock> done = new CompletableFuture<>();
        StreamObserver<StageBlockChunk> upload = BlobStoreGrpc.newStub(blobs.getChannel()).stageBlock(new StreamObserver<>() {
            @Override
            public void onNext(StagedBlock value) {
                done.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        upload.onNext(StageBlockChunk.newBuilder().setHeader(StageBlockHeader.newBuilder().setBlob(ref(gameClipId, asset))
                .setUploadId(gameClipId).setBlockNum(0)).build());
        upload.onNext(StageBlockChunk.newBuilder().setData(ByteString.copyFrom(bytes)).build());
        upload.onCompleted();
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stages and commits the clip's asset; answers its BlobRef. */
    public static BlobRef store(BlobStoreGrpc.BlobStoreBlockingStub blobs, String gameClipId, String asset, byte[] bytes) {
        stage(blobs, gameClipId, asset, bytes);
        blobs.commit(CommitRequest.newBuilder().setBlob(ref(gameClipId, asset)).setUploadId(gameClipId).setBlockCount(1)
                .setContentType("application/octet-stream").build());
        return ref(gameClipId, asset);
    }

    public static boolean exists(BlobStoreGrpc.BlobStoreBlockingStub blobs, BlobRef blob) {
        try {
            blobs.stat(blob);
            return true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    public static int stagedBlocks(BlobStoreGrpc.BlobStoreBlockingStub blobs, String uploadId) {
        return blobs.listStagedBlocks(UploadRef.newBuilder().setUploadId(uploadId).build()).getBlocksCount();
    }

    private static BlobRef ref(String gameClipId, String asset) {
        return BlobRef.newBuilder().setNamespace(ClipAssetUris.BLOB_NAMESPACE).setKey(gameClipId + "/" + asset).build();
    }
}
