package io.savepoint.metadata.clips.upload;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.grpc.v1.AuthorizeBlockUploadRequest;
import io.savepoint.grpc.v1.AuthorizeThumbnailUploadRequest;
import io.savepoint.grpc.v1.ClipCaller;
import io.savepoint.grpc.v1.CompleteUploadRequest;
import io.savepoint.grpc.v1.CompleteUploadResponse;
import io.savepoint.grpc.v1.RecordThumbnailRequest;
import io.savepoint.grpc.v1.RefusalReason;
import io.savepoint.grpc.v1.ThumbnailGrant;
import io.savepoint.grpc.v1.ThumbnailKind;
import io.savepoint.grpc.v1.UploadGrant;
import io.savepoint.metadata.clips.ClipAssets;
import io.savepoint.metadata.clips.ClipsConfig;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.ThumbnailSource;
import io.savepoint.metadata.clips.catalog.CatalogRefusal;
import io.savepoint.metadata.clips.catalog.ClipStateMapper;
import io.savepoint.metadata.clips.lifecycle.ClipStorageCleanup;
import io.savepoint.metadata.peers.StorageQuotaClient;
import io.savepoint.protocol.ClipAssetUris.Asset;

/**
 * The upload half of ClipCatalog (see clip_catalog.proto): which blocks and thumbnails a caller may store, and the
 * one transition PendingUpload -> Uploaded (or Error when the committed size is not the announced fileSize).
 * Refusals are gRPC statuses with a typed reason ({@link CatalogRefusal}), which transfer-service maps to HTTP.
 */
@ApplicationScoped
public class ClipUploadCatalog {

    private final ClipsConfig config;
    private final StorageQuotaClient quota;
    private final ClipStorageCleanup cleanup;

    ClipUploadCatalog(ClipsConfig config, StorageQuotaClient quota, ClipStorageCleanup cleanup) {
        this.config = config;
        this.quota = quota;
        this.cleanup = cleanup;
    }

    /** A read, once per block of every upload: no JTA begin and commit around a single SELECT. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UploadGrant authorizeBlock(AuthorizeBlockUploadRequest request) {
        GameClip clip = callersClip(request.getCaller(), request.getGameClipId());
        requireUploadable(clip);
        long blockNum = Integer.toUnsignedLong(request.getBlockNum());
        if (blockNum >= clip.expectedBlocks) {
            throw CatalogRefusal.of(Status.Code.OUT_OF_RANGE, RefusalReason.BLOCK_OUT_OF_RANGE, "Block " + blockNum
                    + " is out of range: clip " + clip.gameClipId + " has " + clip.expectedBlocks + " blocks, numbered 0 to "
                    + (clip.expectedBlocks - 1) + ".").with("expected_blocks", clip.expectedBlocks).exception();
        }
        long size = request.getBlockSize();
        if (size != -1 && (size < 0 || size > config.maxBlockBytes() || size > clip.fileSize)) {
            throw CatalogRefusal.of(Status.Code.OUT_OF_RANGE, RefusalReason.BLOCK_SIZE_NOT_ALLOWED, "A block of " + size
                    + " bytes is not allowed: blocks hold at most " + config.maxBlockBytes() + " bytes and at most the clip's fileSize "
                    + clip.fileSize + ".").with("max_block_bytes", config.maxBlockBytes()).with("file_size", clip.fileSize).exception();
        }
        return grant(clip);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public UploadGrant getUpload(ClipCaller caller, String gameClipId) {
        return grant(callersClip(caller, gameClipId));
    }

    /**
     * Moves the clip out of PendingUpload exactly once: the row lock serializes racing calls, and only the one that
     * finds it PendingUpload reports completed_now. A matching size commits the quota reservation before the clip
     * becomes Uploaded (if storage is down, nothing changes and the caller retries); a wrong size makes it Error and
     * its bytes and reservation are given back, as are the bytes of a clip deleted (or failed) while its upload committed.
     */
    public CompleteUploadResponse complete(CompleteUploadRequest request) {
        CompleteUploadResponse response = QuarkusTransaction.requiringNew().call(() -> transition(request));
        if (ClipStateMapper.fromProto(response.getClipState()).keepsNoBytes()) {
            cleanup.cleanUp(request.getGameClipId());
        }
        return response;
    }

    private CompleteUploadResponse transition(CompleteUploadRequest request) {
        GameClip clip = GameClip.findById(request.getGameClipId(), LockModeType.PESSIMISTIC_WRITE);
        if (clip == null) {
            throw CatalogRefusal.noClip(request.getGameClipId());
        }
        boolean completedNow = clip.state == GameClipState.PendingUpload;
        Instant now = Instant.now();
        if (completedNow && request.getSize() == clip.fileSize) {
            quota.commit(clip.quotaReservationId, request.getSize());
            clip.state = GameClipState.Uploaded;
            clip.uploadedAt = now;
            clip.uploadedSize = request.getSize();
            clip.uploadChecksum = request.getChecksum();
            clip.lastModifiedAt = now;
        } else if (completedNow) {
            clip.fail("The uploaded clip has " + request.getSize() + " bytes but its initial request announced fileSize "
                    + clip.fileSize + ".", now);
        } else if (clip.state.keepsNoBytes()) {
            // Blocks committed after the clip expired, failed or was deleted (the owner's DELETE raced its last block)
            // must not outlive it.
            clip.storageCleanupPending = true;
        }
        CompleteUploadResponse.Builder response = CompleteUploadResponse.newBuilder()
                .setClipState(ClipStateMapper.toProto(clip.state)).setCompletedNow(completedNow);
        if (clip.errorReason != null) {
            response.setErrorReason(clip.errorReason);
        }
        return response.build();
    }

    @Transactional
    public ThumbnailGrant authorizeThumbnail(AuthorizeThumbnailUploadRequest request) {
        GameClip clip = callersClip(request.getCaller(), request.getGameClipId());
        Asset asset = thumbnailAsset(request.getKind());
        requireUploadedThumbnails(clip);
        switch (clip.state) {
            case PendingUpload -> requireUploadable(clip);
            case Uploaded, Processing, Published -> {
                // the video is there; its thumbnails may still come or be replaced
            }
            default -> throw takesNoThumbnails(clip.gameClipId, clip.state);
        }
        requireThumbnailSize(request.getSize());
        return ThumbnailGrant.newBuilder().setBlob(ClipAssets.blob(clip, asset)).setMaxBytes(config.maxThumbnailBytes())
                .setOwner(ClipAssets.owner(clip)).build();
    }

    /**
     * Records a thumbnail transfer-service committed. One that finished after its clip failed, expired or was deleted
     * (its PUT was authorized before) is refused and removed, as the clip's own cleanup may have run before it arrived.
     */
    public void recordThumbnail(RecordThumbnailRequest request) {
        // The cleanup mark is committed before the refusal, which would otherwise roll it back.
        GameClipState state = QuarkusTransaction.requiringNew().call(() -> record(request));
        if (state.keepsNoBytes()) {
            cleanup.cleanUp(request.getGameClipId());
            throw takesNoThumbnails(request.getGameClipId(), state);
        }
    }

    private GameClipState record(RecordThumbnailRequest request) {
        GameClip clip = GameClip.findById(request.getGameClipId(), LockModeType.PESSIMISTIC_WRITE);
        if (clip == null) {
            throw CatalogRefusal.noClip(request.getGameClipId());
        }
        if (clip.state.keepsNoBytes()) {
            clip.storageCleanupPending = true;
            return clip.state;
        }
        Asset asset = thumbnailAsset(request.getKind());
        requireUploadedThumbnails(clip);
        if (request.getSize() <= 0) {
            throw thumbnailSize("A thumbnail must have at least one byte.");
        }
        requireThumbnailSize(request.getSize());
        String contentType = request.getContentType().isBlank() ? null : request.getContentType();
        if (asset == Asset.LARGE_THUMBNAIL) {
            clip.largeThumbnailSize = request.getSize();
            clip.largeThumbnailContentType = contentType;
        } else {
            clip.smallThumbnailSize = request.getSize();
            clip.smallThumbnailContentType = contentType;
        }
        clip.lastModifiedAt = Instant.now();
        return clip.state;
    }

    /** NOT_FOUND unless the clip is the caller's (no hint that it exists); PERMISSION_DENIED from another title or sandbox. */
    private static GameClip callersClip(ClipCaller caller, String gameClipId) {
        GameClip clip = GameClip.findById(gameClipId);
        // A deleted clip is gone for its owner too, as its GET answers.
        if (clip == null || clip.deletedAt != null || !clip.ownerXuid.equals(caller.getXuid())) {
            throw CatalogRefusal.of(Status.Code.NOT_FOUND, RefusalReason.CLIP_NOT_FOUND, "User " + caller.getXuid() + " has no clip "
                    + gameClipId).exception();
        }
        if (clip.titleId != caller.getTitleId() || !clip.sandboxId.equals(caller.getSandboxId())) {
            throw CatalogRefusal.of(Status.Code.PERMISSION_DENIED, RefusalReason.CLIP_OF_ANOTHER_TITLE, "Clip " + gameClipId
                    + " belongs to title " + clip.titleId + " in sandbox " + clip.sandboxId + ", not to title " + caller.getTitleId()
                    + " in sandbox " + caller.getSandboxId()).exception();
        }
        return clip;
    }

    private static void requireUploadable(GameClip clip) {
        // Past its deadline an unfinished upload is expired (410), before the sweeper has failed its clip and after.
        if (clip.uploadedAt == null && !Instant.now().isBefore(clip.uploadExpiresAt)) {
            throw CatalogRefusal.of(Status.Code.FAILED_PRECONDITION, RefusalReason.UPLOAD_EXPIRED, "the upload of clip "
                    + clip.gameClipId + " expired at " + clip.uploadExpiresAt + "; start a new upload.")
                    .with("expires_at", clip.uploadExpiresAt).exception();
        }
        if (clip.state != GameClipState.PendingUpload) {
            throw CatalogRefusal.of(Status.Code.FAILED_PRECONDITION, RefusalReason.CLIP_NOT_PENDING_UPLOAD, "Clip " + clip.gameClipId
                    + " is " + clip.state + ", no longer PendingUpload; it takes no more blocks.").with("state", clip.state).exception();
        }
    }

    private static void requireUploadedThumbnails(GameClip clip) {
        if (clip.thumbnailSource != ThumbnailSource.Upload) {
            throw CatalogRefusal.of(Status.Code.FAILED_PRECONDITION, RefusalReason.THUMBNAILS_NOT_UPLOADED, "Clip " + clip.gameClipId
                    + " has thumbnailSource " + clip.thumbnailSource + ": its thumbnails are generated, not uploaded.")
                    .with("thumbnail_source", clip.thumbnailSource).exception();
        }
    }

    private static StatusRuntimeException takesNoThumbnails(String gameClipId, GameClipState state) {
        return CatalogRefusal.of(Status.Code.FAILED_PRECONDITION, RefusalReason.CLIP_TAKES_NO_THUMBNAILS, "Clip " + gameClipId
                + " is " + state + "; it takes no thumbnails.").with("state", state).exception();
    }

    private void requireThumbnailSize(long size) {
        if (size != -1 && (size < 0 || size > config.maxThumbnailBytes())) {
            throw thumbnailSize("A thumbnail of " + size + " bytes is not allowed: thumbnails hold at most "
                    + config.maxThumbnailBytes() + " bytes.");
        }
    }

    private static Asset thumbnailAsset(ThumbnailKind kind) {
        return switch (kind) {
            case LARGE -> Asset.LARGE_THUMBNAIL;
            case SMALL -> Asset.SMALL_THUMBNAIL;
            default -> throw CatalogRefusal.of(Status.Code.INVALID_ARGUMENT, RefusalReason.INVALID_REQUEST,
                    "Thumbnail kind must be LARGE or SMALL, got " + kind).exception();
        };
    }

    private UploadGrant grant(GameClip clip) {
        return UploadGrant.newBuilder()
                .setBlob(ClipAssets.blob(clip, Asset.VIDEO))
                .setUploadId(ClipAssets.videoUploadId(clip))
                .setExpectedBlocks((int) clip.expectedBlocks)
                .setFileSize(clip.fileSize)
                .setMaxBlockBytes(config.maxBlockBytes())
                .setOwner(ClipAssets.owner(clip))
                .setClipState(ClipStateMapper.toProto(clip.state))
                .setUploadExpiresAtEpochMillis(clip.uploadExpiresAt.toEpochMilli())
                .build();
    }

    private StatusRuntimeException thumbnailSize(String message) {
        return CatalogRefusal.of(Status.Code.OUT_OF_RANGE, RefusalReason.THUMBNAIL_SIZE_NOT_ALLOWED, message)
                .with("max_thumbnail_bytes", config.maxThumbnailBytes()).exception();
    }
}
