package io.savepoint.transfer.upload;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.savepoint.grpc.v1.BlobVersion;
import io.savepoint.grpc.v1.ClipState;
import io.savepoint.grpc.v1.CompleteUploadResponse;
import io.savepoint.grpc.v1.StageBlockHeader;
import io.savepoint.grpc.v1.StagedBlock;
import io.savepoint.grpc.v1.UploadGrant;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;
import io.savepoint.transfer.peers.MetadataClipCatalogClient;
import io.savepoint.transfer.peers.StorageBlobClient;
import io.savepoint.transfer.processing.ProcessingWorker;

/**
 * Block uploads of a clip (spec A.2): the catalog authorizes each block (from the upload's second block on, while the
 * block already streams to storage), storage-service stages it, and a block that finds all blocks staged commits; the
 * one request whose commit completes the catalog's upload answers 201, every other 202.
 */
@ApplicationScoped
public class BlockUploadService {

    static final String VIDEO_CONTENT_TYPE = "video/mp4";

    /** What a stored block led to. */
    public enum Outcome {
        /** Stored; blocks are still missing, or another request completed the upload. */
        ACCEPTED,
        /** Stored, and this request completed the upload. */
        COMPLETED
    }

    /** One block PUT as it arrived ({@code owner} is the URI's {@code xuid(N)}); absent values are null. */
    public record BlockRequest(String owner, String gameClipId, String blockNum, String uploadId, Long contentLength,
            String contentMd5) {
    }

    private final MetadataClipCatalogClient catalog;
    private final StorageBlobClient blobs;
    private final ProcessingWorker worker;
    /**
     * Per caller and clip, the grant of an earlier block: where the upload's blocks go. Only the target is taken from
     * it; every block is still authorized. Bounded, and idle uploads drop out (quarkus.cache.caffeine."upload-grants").
     */
    private final CaffeineCache targets;

    BlockUploadService(MetadataClipCatalogClient catalog, StorageBlobClient blobs, ProcessingWorker worker,
            @CacheName("upload-grants") Cache targets) {
        this.targets = targets.as(CaffeineCache.class);
        this.catalog = catalog;
        this.blobs = blobs;
        this.worker = worker;
    }

    public Outcome putBlock(Caller caller, BlockRequest request, InputStream body) {
        UploadOwner.require(caller, request.owner());
        if (request.uploadId() != null && !request.uploadId().isBlank() && !request.uploadId().equals(request.gameClipId())) {
            throw ApiException.badRequest("uploadId '" + request.uploadId() + "' is not this clip's upload: omit it or send the gameClipId "
                    + request.gameClipId() + ".");
        }
        Optional<String> md5Hex = ContentMd5.hex(request.contentMd5());
        if (request.contentLength() != null && request.contentLength() == 0) {
            throw ApiException.badRequest("The block is empty: send the block's bytes as the request body.");
        }
        int blockNum = blockNum(caller, request);
        long declaredSize = request.contentLength() == null ? -1 : request.contentLength();
        String md5 = md5Hex.orElse("");
        String targetKey = caller.xuid() + "/" + request.gameClipId();
        CompletableFuture<UploadGrant> cached = targets.getIfPresent(targetKey);
        UploadGrant target = cached == null ? null : cached.join();
        UploadGrant grant;
        StagedBlock staged;
        if (target == null) {
            grant = authorized(targetKey, () -> catalog.authorizeBlock(caller, request.gameClipId(), blockNum, declaredSize));
            staged = blobs.stage(header(grant, blockNum, md5), body, tooLargeMessage(blockNum, grant));
        } else {
            // Where this upload's blocks go does not change: the block streams while the catalog authorizes it, and is
            // staged only once the catalog has said yes (a refusal cancels it, and is the answer).
            Supplier<UploadGrant> authorization = catalog.startAuthorizeBlock(caller, request.gameClipId(), blockNum, declaredSize);
            try {
                staged = blobs.stage(header(target, blockNum, md5), body, tooLargeMessage(blockNum, target),
                        () -> authorized(targetKey, authorization));
            } catch (RuntimeException e) {
                authorized(targetKey, authorization);
                throw e;
            }
            grant = authorized(targetKey, authorization);
        }
        return tryComplete(request.gameClipId(), grant, staged);
    }

    /** The catalog's grant, remembered as the upload's target; a refusal forgets the target. */
    private UploadGrant authorized(String targetKey, Supplier<UploadGrant> authorization) {
        try {
            UploadGrant grant = authorization.get();
            targets.put(targetKey, CompletableFuture.completedFuture(grant));
            return grant;
        } catch (RuntimeException e) {
            targets.invalidate(targetKey).subscribe().with(done -> {}); // runs at once, on this thread (may be an event loop)
            throw e;
        }
    }

    /** storage-service checks the room the other blocks leave when it records the block, atomically with them. */
    private static StageBlockHeader header(UploadGrant grant, int blockNum, String md5Hex) {
        return StageBlockHeader.newBuilder().setBlob(grant.getBlob()).setUploadId(grant.getUploadId()).setBlockNum(blockNum)
                .setMd5Hex(md5Hex).setOwner(grant.getOwner()).setMaxBlockBytes(grant.getMaxBlockBytes())
                .setMaxUploadBytes(grant.getFileSize())
                // Blocks stay staged while the clip's upload lives, however long the console pauses between them.
                .setKeepUntilEpochMillis(grant.getUploadExpiresAtEpochMillis()).build();
    }

    /** The resume view of an upload, for its owner. */
    public UploadStatus status(Caller caller, String owner, String gameClipId) {
        UploadOwner.require(caller, owner);
        UploadGrant grant = catalog.upload(caller, gameClipId);
        int expected = grant.getExpectedBlocks();
        List<Integer> received = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        long receivedBytes;
        boolean staging = switch (grant.getClipState()) {
            // not committed (yet, or ever): the blocks are staged
            case CLIP_STATE_PENDING_UPLOAD, CLIP_STATE_ERROR -> true;
            default -> false;
        };
        if (staging) {
            Map<Integer, StagedBlock> staged = blobs.stagedBlocks(grant.getUploadId()).stream()
                    .collect(Collectors.toMap(StagedBlock::getBlockNum, Function.identity()));
            for (int n = 0; n < expected; n++) {
                (staged.containsKey(n) ? received : missing).add(n);
            }
            receivedBytes = staged.values().stream().filter(b -> b.getBlockNum() < expected).mapToLong(StagedBlock::getSize).sum();
        } else {
            // committed: the blocks are one blob now
            for (int n = 0; n < expected; n++) {
                received.add(n);
            }
            receivedBytes = grant.getFileSize();
        }
        return new UploadStatus(gameClipId, UploadStatus.stateName(grant.getClipState()), expected, grant.getFileSize(), received,
                missing, receivedBytes, Instant.ofEpochMilli(grant.getUploadExpiresAtEpochMillis()).toString());
    }

    /**
     * Commits once every block is staged. Of racing blocks the last one staged always sees them all (several may, and
     * Commit is idempotent); CompleteUpload picks the one request that answers 201. A block whose upload was already
     * committed (a retry after a failed CompleteUpload) commits again to get the version and complete the upload.
     */
    private Outcome tryComplete(String gameClipId, UploadGrant grant, StagedBlock staged) {
        if (!staged.getUploadCommitted() && staged.getStagedBlocks() < grant.getExpectedBlocks()) {
            return Outcome.ACCEPTED;
        }
        Optional<BlobVersion> committed = blobs.commit(grant.getBlob(), grant.getUploadId(), grant.getExpectedBlocks(), VIDEO_CONTENT_TYPE);
        if (committed.isEmpty()) {
            return Outcome.ACCEPTED;
        }
        BlobVersion version = committed.get();
        CompleteUploadResponse completion = catalog.completeUpload(gameClipId, version.getSize(), version.getSha256Hex());
        if (completion.getClipState() == ClipState.CLIP_STATE_ERROR) {
            throw ApiException.badRequest("The upload is complete but unusable: " + completion.getErrorReason()
                    + " (received " + version.getSize() + " bytes, the initial request announced fileSize " + grant.getFileSize() + ").");
        }
        if (!completion.getCompletedNow()) {
            return Outcome.ACCEPTED;
        }
        worker.wake();
        return Outcome.COMPLETED;
    }

    /** blockNum as sent; without one, only a clip of one block can be meant. */
    private int blockNum(Caller caller, BlockRequest request) {
        String text = request.blockNum();
        if (text == null || text.isBlank()) {
            UploadGrant grant = catalog.upload(caller, request.gameClipId());
            if (grant.getExpectedBlocks() != 1) {
                throw ApiException.badRequest("blockNum is required: this clip is uploaded in " + grant.getExpectedBlocks()
                        + " blocks (blockNum 0.." + (grant.getExpectedBlocks() - 1) + ").");
            }
            return 0;
        }
        if (!text.strip().matches("[0-9]{1,10}") || Long.parseLong(text.strip()) > Integer.MAX_VALUE) {
            throw ApiException.badRequest("blockNum '" + text + "' is not a block number (0, 1, 2, …).");
        }
        return Integer.parseInt(text.strip());
    }

    private static String tooLargeMessage(int blockNum, UploadGrant grant) {
        return "Block " + blockNum + " is too large (block not stored): a block may have at most " + grant.getMaxBlockBytes()
                + " bytes, and all blocks together at most the upload's fileSize of " + grant.getFileSize() + " bytes.";
    }

}
