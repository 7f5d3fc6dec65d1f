package io.savepoint.transfer.peers;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.google.protobuf.UnsafeByteOperations;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.savepoint.grpc.v1.StageBlockChunk;
import io.savepoint.grpc.v1.StageBlockHeader;
import io.savepoint.grpc.v1.StagedBlock;
import io.savepoint.protocol.ApiException;

/**
 * One StageBlock call, fed from a blocking thread: each 256 KiB chunk waits until gRPC's flow control is ready for it,
 * so at most a few chunks of a block are in memory at once. Chunks this size keep the per-message cost of a 2 MiB block
 * low and stay far below storage-service's inbound message limit (gRPC's default 4 MiB).
 */
final class StageBlockCall implements ClientResponseObserver<StageBlockChunk, StagedBlock> {

    static final int CHUNK_BYTES = 256 * 1024;

    private final CompletableFuture<StagedBlock> result = new CompletableFuture<>();
    private ClientCallStreamObserver<StageBlockChunk> requests;

    @Override
    public void beforeStart(ClientCallStreamObserver<StageBlockChunk> requestStream) {
        this.requests = requestStream;
        requestStream.setOnReadyHandler(this::wake);
    }

    /**
     * Sends the header and then {@code data} in chunks, runs {@code beforeCompleting} and half-closes; stops early when
     * the call has failed. storage-service records the block only once the stream is half-closed, so an exception from
     * {@code beforeCompleting} cancels the call with nothing staged, and propagates.
     */
    void send(StageBlockHeader header, InputStream data, Runnable beforeCompleting) throws IOException {
        boolean sent = false;
        try {
            if (!next(StageBlockChunk.newBuilder().setHeader(header).build())) {
                return;
            }
            long total = 0;
            while (true) {
                // A fresh array per chunk, wrapped rather than copied: gRPC may still be serializing the previous one.
                byte[] chunk = new byte[CHUNK_BYTES];
                int n = data.readNBytes(chunk, 0, CHUNK_BYTES);
                if (n == 0) {
                    break;
                }
                total += n;
                if (!next(StageBlockChunk.newBuilder().setData(UnsafeByteOperations.unsafeWrap(chunk, 0, n)).build())) {
                    return;
                }
            }
            if (total == 0) {
                // Without a Content-Length (chunked) an empty body gets this far; stored, it would fail the whole upload.
                throw ApiException.badRequest("The request body is empty (nothing was stored): send the bytes as the body.");
            }
            beforeCompleting.run();
            requests.onCompleted();
            sent = true;
        } finally {
            if (!sent && !result.isDone()) {
                requests.cancel("the block's body failed or the block was refused", null);
            }
        }
    }

    /** The staged block, or the call's failure. */
    StagedBlock result() {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException s) {
                throw s;
            }
            throw Status.fromThrowable(e.getCause()).asRuntimeException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
        }
    }

    private boolean next(StageBlockChunk chunk) {
        synchronized (this) {
            while (!requests.isReady() && !result.isDone()) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        if (result.isDone()) {
            return false;
        }
        requests.onNext(chunk);
        return true;
    }

    private synchronized void wake() {
        notifyAll();
    }

    @Override
    public void onNext(StagedBlock value) {
        result.complete(value);
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
        wake();
    }

    @Override
    public void onCompleted() {
        if (!result.isDone()) {
            result.completeExceptionally(Status.INTERNAL.withDescription("StageBlock answered nothing").asRuntimeException());
        }
        wake();
    }
}
