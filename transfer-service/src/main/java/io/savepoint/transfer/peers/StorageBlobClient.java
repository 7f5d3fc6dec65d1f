package io.savepoint.transfer.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.savepoint.grpc.v1.BlobDigest;
import io.savepoint.grpc.v1.BlobRef;
import io.savepoint.grpc.v1.BlobStoreGrpc;
import io.savepoint.grpc.v1.BlobVersion;
import io.savepoint.grpc.v1.CommitRequest;
import io.savepoint.grpc.v1.ReadChunk;
import io.savepoint.grpc.v1.ReadRangeRequest;
import io.savepoint.grpc.v1.StageBlockHeader;
import io.savepoint.grpc.v1.StagedBlock;
import io.savepoint.grpc.v1.UploadRef;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.GrpcConfig;
import io.savepoint.transfer.TransferConfig;

/**
 * storage-service's BlobStore. Blocks are streamed in with gRPC flow control (a slow storage slows the HTTP upload
 * down instead of filling memory), reads are streamed out one chunk at a time.
 */
@ApplicationScoped
public class StorageBlobClient {

    @GrpcClient("blob-store")
    BlobStoreGrpc.BlobStoreBlockingStub blobs;

    @Inject
    GrpcConfig grpc;

    private final TransferConfig config;

    StorageBlobClient(TransferConfig config) {
        this.config = config;
    }

    /**
     * Streams {@code data} into staging as the block the header names. A block over the header's limits is refused
     * (nothing is kept) with 400 {@code tooLargeMessage} and storage-service's reason; a Content-MD5 mismatch is 400.
     */
    public StagedBlock stage(StageBlockHeader header, InputStream data, String tooLargeMessage) {
        return stage(header, data, tooLargeMessage, () -> {});
    }

    /**
     * {@link #stage(StageBlockHeader, InputStream, String)}, with {@code confirm} run once all of {@code data} is sent
     * and before the block may be staged: when it throws, nothing is staged and its exception propagates.
     */
    public StagedBlock stage(StageBlockHeader header, InputStream data, String tooLargeMessage, Runnable confirm) {
        // The blocking stub's channel carries the service-token interceptor; client streaming needs the async stub.
        BlobStoreGrpc.BlobStoreStub async = BlobStoreGrpc.newStub(blobs.getChannel())
                .withDeadlineAfter(config.blockDeadline().toMillis(), TimeUnit.MILLISECONDS);
        StageBlockCall call = new StageBlockCall();
        async.stageBlock(call);
        try {
            call.send(header, data, confirm);
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read to its end: " + e.getMessage());
        }
        try {
            return call.result();
        } catch (StatusRuntimeException e) {
            throw switch (e.getStatus().getCode()) {
                case OUT_OF_RANGE -> ApiException.badRequest(tooLargeMessage + " " + e.getStatus().getDescription());
                case INVALID_ARGUMENT -> ApiException.badRequest(e.getStatus().getDescription());
                case ABORTED -> ApiException.conflict(e.getStatus().getDescription());
                default -> e;
            };
        }
    }

    /** Publishes the staged blocks as the blob's version; empty when some block is still missing. */
    public Optional<BlobVersion> commit(BlobRef blob, String uploadId, int blockCount, String contentType) {
        try {
            return Optional.of(stub().commit(CommitRequest.newBuilder().setBlob(blob).setUploadId(uploadId).setBlockCount(blockCount)
                    .setContentType(contentType).build()));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<StagedBlock> stagedBlocks(String uploadId) {
        return stub().listStagedBlocks(UploadRef.newBuilder().setUploadId(uploadId).build()).getBlocksList();
    }

    /** The blob's current version, empty when there is none. */
    public Optional<BlobVersion> stat(BlobRef blob) {
        try {
            return Optional.of(stub().stat(blob));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The SHA-256 of the blob's bytes, computed by storage-service where they are stored; empty when there is no such
     * blob. It reads the whole blob, so it gets the processing tools' time limit instead of the unary deadline.
     */
    public Optional<BlobDigest> digest(BlobRef blob) {
        try {
            return Optional.of(blobs.withDeadlineAfter(config.toolTimeout().toMillis(), TimeUnit.MILLISECONDS).digest(blob));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Writes bytes [offset, offset + length) of the blob's version {@code etag} to {@code out} (length 0: to the end).
     * A failing {@code out} (the client went away) cancels the read in storage-service; a blob replaced since is a 409.
     */
    public void read(BlobRef blob, String etag, long offset, long length, OutputStream out) throws IOException {
        Context.CancellableContext context = Context.current().withCancellation();
        try {
            context.call(() -> {
                // No deadline: a large clip to a slow client may take long; backpressure holds storage at our pace.
                Iterator<ReadChunk> chunks = blobs.readRange(ReadRangeRequest.newBuilder().setBlob(blob).setIfMatchEtag(etag)
                        .setOffset(offset).setLength(length).build());
                try {
                    while (chunks.hasNext()) {
                        chunks.next().getData().writeTo(out);
                    }
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION) {
                        // The headers named the version that was replaced; the client must ask again.
                        throw ApiException.conflict(e.getStatus().getDescription() + "; download it again.");
                    }
                    throw e;
                }
                return null;
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException(e));
        } finally {
            context.cancel(null);
        }
    }

    private BlobStoreGrpc.BlobStoreBlockingStub stub() {
        return blobs.withDeadlineAfter(grpc.deadline().toMillis(), TimeUnit.MILLISECONDS);
    }
}
