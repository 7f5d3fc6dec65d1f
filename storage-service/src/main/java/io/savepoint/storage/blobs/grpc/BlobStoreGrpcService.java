package io.savepoint.storage.blobs.grpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.savepoint.grpc.v1.AbandonUploadResponse;
import io.savepoint.grpc.v1.BlobDigest;
import io.savepoint.grpc.v1.BlobRef;
import io.savepoint.grpc.v1.BlobStore;
import io.savepoint.grpc.v1.BlobVersion;
import io.savepoint.grpc.v1.CommitRequest;
import io.savepoint.grpc.v1.DeleteResponse;
import io.savepoint.grpc.v1.ReadChunk;
import io.savepoint.grpc.v1.ReadRangeRequest;
import io.savepoint.grpc.v1.StageBlockChunk;
import io.savepoint.grpc.v1.StageBlockHeader;
import io.savepoint.grpc.v1.StagedBlock;
import io.savepoint.grpc.v1.StagedBlocks;
import io.savepoint.grpc.v1.UploadRef;
import io.savepoint.storage.blobs.BlobEngine;
import io.savepoint.storage.blobs.BlockConflictException;
import io.savepoint.storage.blobs.BlockTooLargeException;
import io.savepoint.storage.blobs.ChecksumMismatchException;
import io.savepoint.storage.blobs.NamedBlobService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** BlobStore over gRPC: blocks stream in (never buffered whole), versions publish atomically, ranges stream out. */
@GrpcService
@RegisterInterceptor(OutboundReadiness.class)
public class BlobStoreGrpcService implements BlobStore {

    private static final int CHUNK = 64 * 1024;
    private static final int SEGMENT = 16 * CHUNK;
    private static final int MAX_NAMESPACE = 64;
    private static final int MAX_KEY = 1024;
    private static final int MAX_UPLOAD_ID = 125;
    private static final int MAX_CONTENT_TYPE = 100;
    /** 9999-12-31T23:59:59.999Z, within what PostgreSQL's timestamptz holds. */
    private static final long LATEST_KEEP_UNTIL_MILLIS = 253_402_300_799_999L;

    private final NamedBlobService blobs;

    BlobStoreGrpcService(NamedBlobService blobs) {
        this.blobs = blobs;
    }

    @Override
    public Uni<StagedBlock> stageBlock(Multi<StageBlockChunk> request) {
        return Uni.createFrom().item(() -> {
            Iterator<StageBlockChunk> chunks = request.subscribe().asIterable().iterator();
            if (!chunks.hasNext()) {
                throw Status.INVALID_ARGUMENT.withDescription("StageBlock received no messages").asRuntimeException();
            }
            StageBlockChunk first = chunks.next();
            require(first.hasHeader(), "The first StageBlockChunk must carry the header");
            StageBlockHeader header = first.getHeader();
            require(!header.getUploadId().isBlank(), "header.upload_id is required");
            requireStorable(header.getBlob(), header.getUploadId());
            require(header.getKeepUntilEpochMillis() <= LATEST_KEEP_UNTIL_MILLIS, "header.keep_until_epoch_millis is after the year 9999");
            String md5 = null;
            if (!header.getMd5Hex().isBlank()) {
                try {
                    md5 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(header.getMd5Hex()));
                } catch (IllegalArgumentException e) {
                    throw Status.INVALID_ARGUMENT.withDescription("header.md5_hex is not hex").asRuntimeException();
                }
            }
            try {
                NamedBlobService.StageResult result = blobs.stage(header.getBlob().getNamespace(), header.getBlob().getKey(),
                        header.getUploadId(), header.getBlockNum(), new ChunkInputStream(chunks), md5, header.getMaxBlockBytes(),
                        header.getMaxUploadBytes(),
                        header.getKeepUntilEpochMillis() > 0 ? Instant.ofEpochMilli(header.getKeepUntilEpochMillis()) : null);
                return staged(result.block()).toBuilder().setStagedBlocks(result.stagedBlocks())
                        .setUploadCommitted(result.uploadCommitted()).build();
            } catch (ChecksumMismatchException e) {
                throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
            } catch (BlockTooLargeException e) {
                throw Status.OUT_OF_RANGE.withDescription(e.getMessage()).asRuntimeException();
            } catch (BlockConflictException e) {
                throw Status.ABORTED.withDescription(e.getMessage()).asRuntimeException();
            } catch (IOException e) {
                throw Status.CANCELLED.withDescription("The block's stream failed: " + e.getMessage()).asRuntimeException();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    @Blocking
    public Uni<BlobVersion> commit(CommitRequest request) {
        return Uni.createFrom().item(() -> {
            require(request.hasBlob() && !request.getUploadId().isBlank() && request.getBlockCount() > 0,
                    "blob, upload_id and block_count are required");
            requireStorable(request.getBlob(), request.getUploadId());
            require(request.getContentType().length() <= MAX_CONTENT_TYPE,
                    "content_type is longer than " + MAX_CONTENT_TYPE + " characters");
            try {
                var current = blobs.commit(request.getBlob().getNamespace(), request.getBlob().getKey(), request.getUploadId(),
                        request.getBlockCount(), request.getContentType().isBlank() ? "application/octet-stream" : request.getContentType(),
                        request.getIfMatchEtag());
                return version(current);
            } catch (IllegalStateException e) {
                throw Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
            }
        });
    }

    @Override
    public Multi<ReadChunk> readRange(ReadRangeRequest request) {
        OutboundReadiness.Gate sendable = OutboundReadiness.current();
        return Uni.createFrom().item(() -> {
            NamedBlobService.Snapshot current = blobs.content(request.getBlob().getNamespace(), request.getBlob().getKey())
                    .orElseThrow(() -> Status.NOT_FOUND.withDescription("No blob " + request.getBlob().getKey()).asRuntimeException());
            if (!request.getIfMatchEtag().isEmpty() && !request.getIfMatchEtag().equals(current.current().blob().etag)) {
                throw Status.FAILED_PRECONDITION.withDescription("Blob " + request.getBlob().getKey() + " was replaced: it is at ETag "
                        + current.current().blob().etag + ", not " + request.getIfMatchEtag()).asRuntimeException();
            }
            BlobEngine.Content content = current.content();
            long offset = request.getOffset();
            if (offset < 0 || offset > content.size() || request.getLength() < 0) {
                throw Status.OUT_OF_RANGE.withDescription("Range starts at " + offset + " of a " + content.size() + "-byte blob")
                        .asRuntimeException();
            }
            return content;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).onItem().transformToMulti(content -> {
            long start = request.getOffset();
            // Compared, not added: offset + length may overflow.
            long end = request.getLength() == 0 || request.getLength() >= content.size() - start ? content.size()
                    : start + request.getLength();
            if (end == start) {
                // An empty blob, or a range starting at its end: no bytes, and no segments to repeat.
                return Multi.createFrom().<ReadChunk>empty();
            }
            long segments = (end - start + SEGMENT - 1) / SEGMENT;
            AtomicLong position = new AtomicLong(start);
            // One store read per SEGMENT (one ranged GET per block it touches on S3), sent as CHUNK-sized messages; the next
            // segment is read only once the call can send more: a slow reader holds about one segment here, and
            // cancellation stops the reading.
            return Multi.createBy().repeating()
                    .uni(() -> Uni.createFrom().<Void>emitter(ready -> sendable.whenReady(() -> ready.complete(null)))
                            .emitOn(Infrastructure.getDefaultWorkerPool())
                            .map(ignored -> readSegment(content, position, end)))
                    .atMost(segments)
                    // A segment is never written again once read: its chunks share its array instead of copying it.
                    .onItem().transformToMultiAndConcatenate(segment -> Multi.createFrom().range(0, (segment.length + CHUNK - 1) / CHUNK)
                            .map(i -> ReadChunk.newBuilder().setData(
                                    UnsafeByteOperations.unsafeWrap(segment, i * CHUNK, Math.min(CHUNK, segment.length - i * CHUNK)))
                                    .build()));
        });
    }

    /** Reads the next segment (at most SEGMENT bytes up to {@code end}) from {@code position}, and moves it on. */
    private byte[] readSegment(BlobEngine.Content content, AtomicLong position, long end) {
        long from = position.get();
        int length = (int) Math.min(SEGMENT, end - from);
        SegmentOutputStream segment = new SegmentOutputStream(length);
        try {
            blobs.read(content, from, length, segment);
        } catch (IOException e) {
            throw Status.DATA_LOSS.withDescription("Cannot read blob bytes: " + e.getMessage()).asRuntimeException();
        }
        position.addAndGet(length);
        return segment.filled();
    }

    @Override
    @Blocking
    public Uni<BlobVersion> stat(BlobRef request) {
        return Uni.createFrom().item(() -> blobs.find(request.getNamespace(), request.getKey()).map(BlobStoreGrpcService::version)
                .orElseThrow(() -> Status.NOT_FOUND.withDescription("No blob " + request.getNamespace() + "/" + request.getKey())
                        .asRuntimeException()));
    }

    @Override
    @Blocking
    public Uni<BlobDigest> digest(BlobRef request) {
        return Uni.createFrom().item(() -> {
            try {
                return blobs.digest(request.getNamespace(), request.getKey())
                        .map(d -> BlobDigest.newBuilder().setEtag(d.etag()).setSize(d.size()).setSha256Hex(d.sha256Hex()).build())
                        .orElseThrow(() -> Status.NOT_FOUND.withDescription("No blob " + request.getNamespace() + "/" + request.getKey())
                                .asRuntimeException());
            } catch (IOException e) {
                throw Status.DATA_LOSS.withDescription("Cannot read blob bytes: " + e.getMessage()).asRuntimeException();
            }
        });
    }

    @Override
    @Blocking
    public Uni<DeleteResponse> delete(BlobRef request) {
        return Uni.createFrom().item(() -> {
            long freed = blobs.delete(request.getNamespace(), request.getKey());
            return DeleteResponse.newBuilder().setExisted(freed > 0).setFreedBytes(freed).build();
        });
    }

    @Override
    @Blocking
    public Uni<StagedBlocks> listStagedBlocks(UploadRef request) {
        return Uni.createFrom().item(() -> {
            require(!request.getUploadId().isBlank(), "upload_id is required");
            StagedBlocks.Builder answer = StagedBlocks.newBuilder();
            blobs.staged(request.getUploadId()).forEach(s -> answer.addBlocks(staged(s)));
            return answer.build();
        });
    }

    @Override
    @Blocking
    public Uni<AbandonUploadResponse> abandonUpload(UploadRef request) {
        return Uni.createFrom().item(() -> {
            require(!request.getUploadId().isBlank(), "upload_id is required");
            List<BlobEngine.Staged> dropped = blobs.abandon(request.getUploadId());
            return AbandonUploadResponse.newBuilder().setDroppedBlocks(dropped.size())
                    .setDroppedBytes(dropped.stream().mapToLong(BlobEngine.Staged::size).sum()).build();
        });
    }

    private static StagedBlock staged(BlobEngine.Staged staged) {
        return StagedBlock.newBuilder().setBlockNum(staged.blockNum()).setSize(staged.size()).setSha256Hex(staged.sha256Hex()).build();
    }

    private static BlobVersion version(NamedBlobService.Current current) {
        return BlobVersion.newBuilder()
                .setBlob(BlobRef.newBuilder().setNamespace(current.blob().namespace).setKey(current.blob().key))
                .setSize(current.version().size)
                .setSha256Hex(current.version().checksum)
                .setEtag(current.blob().etag)
                .setContentType(current.version().contentType)
                .setCommittedAtEpochMillis(current.blob().updatedAt.toEpochMilli())
                .build();
    }

    /** Names the tables can hold (V3, V6; staging prefixes upload ids with "bs-"): longer ones could never be recorded. */
    private static void requireStorable(BlobRef blob, String uploadId) {
        require(blob.getNamespace().length() <= MAX_NAMESPACE, "blob.namespace is longer than " + MAX_NAMESPACE + " characters");
        require(blob.getKey().length() <= MAX_KEY, "blob.key is longer than " + MAX_KEY + " characters");
        require(uploadId.length() <= MAX_UPLOAD_ID, "upload_id is longer than " + MAX_UPLOAD_ID + " characters");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
        }
    }

    /** Collects exactly one segment's bytes in an array of its size. */
    private static final class SegmentOutputStream extends OutputStream {
        private final byte[] bytes;
        private int size;

        SegmentOutputStream(int length) {
            this.bytes = new byte[length];
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > bytes.length - size) {
                throw Status.DATA_LOSS.withDescription("The store returned more bytes than the segment holds").asRuntimeException();
            }
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        byte[] filled() {
            if (size != bytes.length) {
                throw Status.DATA_LOSS.withDescription("The store returned " + size + " of the segment's " + bytes.length + " bytes")
                        .asRuntimeException();
            }
            return bytes;
        }
    }

    /** The data of the chunks after the header, as one stream. */
    private static final class ChunkInputStream extends InputStream {
        private final Iterator<StageBlockChunk> chunks;
        private ByteString current = ByteString.EMPTY;
        private int position;

        ChunkInputStream(Iterator<StageBlockChunk> chunks) {
            this.chunks = chunks;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (position == current.size()) {
                if (!chunks.hasNext()) {
                    return -1;
                }
                StageBlockChunk next = chunks.next();
                require(!next.hasHeader(), "Only the first StageBlockChunk may carry a header");
                current = next.getData();
                position = 0;
            }
            int n = Math.min(len, current.size() - position);
            current.copyTo(b, position, off, n);
            position += n;
            return n;
        }
    }
}
