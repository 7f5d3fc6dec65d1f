package io.savepoint.metadata.clips.processing;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.grpc.v1.FinishProcessingRequest;
import io.savepoint.grpc.v1.ProcessingWork;
import io.savepoint.grpc.v1.RefusalReason;
import io.savepoint.metadata.clips.ClipAssets;
import io.savepoint.metadata.clips.ClipsConfig;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.catalog.CatalogRefusal;
import io.savepoint.metadata.clips.lifecycle.ClipStorageCleanup;
import io.savepoint.protocol.ClipAssetUris.Asset;

/**
 * The processing half of ClipCatalog: hands Uploaded clips to workers under a lease and records how processing
 * ended. Claims lock with SKIP LOCKED, so replicas and workers never take the same clip; a lease that runs out
 * (a worker died) makes the clip claimable again, and only the current lease holder may finish it.
 */
@ApplicationScoped
public class ClipProcessingCatalog {

    /** Where a Default thumbnail is taken from (spec C.9 ThumbnailSource: "3 seconds in"). */
    static final long DEFAULT_THUMBNAIL_OFFSET_MILLIS = 3000;
    private static final String SHA256_HEX = "[0-9a-f]{64}";

    private final ClipsConfig config;
    private final ClipStorageCleanup cleanup;
    private final EntityManager em;

    ClipProcessingCatalog(ClipsConfig config, ClipStorageCleanup cleanup, EntityManager em) {
        this.config = config;
        this.cleanup = cleanup;
        this.em = em;
    }

    public ProcessingWork claim(String workerId) {
        if (workerId.isBlank()) {
            throw invalid("worker_id is required");
        }
        while (true) {
            Claim claim = QuarkusTransaction.requiringNew().call(() -> {
                Instant now = Instant.now();
                @SuppressWarnings("unchecked")
                List<GameClip> claimable = em.createNativeQuery("""
                        SELECT * FROM game_clip
                        WHERE state = 'Uploaded' OR (state = 'Processing' AND processing_lease_expires_at <= :now)
                        ORDER BY uploaded_at LIMIT 1
                        FOR UPDATE SKIP LOCKED""", GameClip.class).setParameter("now", now).getResultList();
                if (claimable.isEmpty()) {
                    return new Claim(ProcessingWork.newBuilder().setHasWork(false).build(), null);
                }
                GameClip clip = claimable.getFirst();
                if (clip.processingAttempts >= config.processingMaxAttempts()) {
                    // Every worker that took it let its lease run out: it would be taken and dropped forever.
                    clip.fail("Processing did not finish in " + clip.processingAttempts + " attempts (each worker's lease of "
                            + config.processingLease() + " ran out): the video could not be read or processed in time.", now);
                    return new Claim(null, clip.gameClipId);
                }
                clip.state = GameClipState.Processing;
                clip.processingStartedAt = now;
                clip.processingWorkerId = workerId;
                clip.processingLeaseExpiresAt = now.plus(config.processingLease());
                clip.processingAttempts++;
                clip.lastModifiedAt = now;
                return new Claim(work(clip), null);
            });
            if (claim.work() != null) {
                return claim.work();
            }
            cleanup.cleanUp(claim.failedClipId());
        }
    }

    /** A claim's work, or the clip it failed instead (then the next clip is claimed). */
    private record Claim(ProcessingWork work, String failedClipId) {
    }

    /**
     * Published or Error, by the lease holder only; an Error clip's bytes and quota are given back. A worker that lost
     * its clip to a delete or failure is refused, and the thumbnails it may have committed after the clip's own cleanup
     * are removed too.
     */
    public GameClipState finish(FinishProcessingRequest request) {
        if (request.getSuccess() && !request.getSha256Hex().matches(SHA256_HEX)) {
            throw invalid("sha256_hex must be 64 lower-case hex digits, got '" + request.getSha256Hex() + "'");
        }
        if (!request.getSuccess() && request.getErrorReason().isBlank()) {
            throw invalid("error_reason is required when processing failed");
        }
        // A refusal is answered after the transaction: thrown inside, it would roll back the cleanup mark.
        Finished finished = QuarkusTransaction.requiringNew().call(() -> {
            GameClip clip = GameClip.findById(request.getGameClipId(), LockModeType.PESSIMISTIC_WRITE);
            if (clip == null) {
                throw CatalogRefusal.noClip(request.getGameClipId());
            }
            Instant now = Instant.now();
            if (clip.state != GameClipState.Processing || !request.getWorkerId().equals(clip.processingWorkerId)
                    || !now.isBefore(clip.processingLeaseExpiresAt)) {
                if (clip.state.keepsNoBytes()) {
                    clip.storageCleanupPending = true;
                }
                return new Finished(clip.state, CatalogRefusal.of(Status.Code.FAILED_PRECONDITION, RefusalReason.PROCESSING_LEASE_NOT_HELD,
                        "Worker '" + request.getWorkerId() + "' does not hold the processing lease of clip " + clip.gameClipId
                                + " (state " + clip.state + ", lease holder '" + clip.processingWorkerId + "' until "
                                + clip.processingLeaseExpiresAt + ")")
                        .with("state", clip.state).exception());
            }
            if (request.getSuccess()) {
                publish(clip, request, now);
            } else {
                clip.fail(request.getErrorReason(), now);
            }
            return new Finished(clip.state, null);
        });
        if (finished.state().keepsNoBytes()) {
            cleanup.cleanUp(request.getGameClipId());
        }
        if (finished.leaseLost() != null) {
            throw finished.leaseLost();
        }
        return finished.state();
    }

    private static StatusRuntimeException invalid(String description) {
        return CatalogRefusal.of(Status.Code.INVALID_ARGUMENT, RefusalReason.INVALID_REQUEST, description).exception();
    }

    /** How a FinishProcessing call left the clip, and its refusal when the worker no longer held the lease. */
    private record Finished(GameClipState state, StatusRuntimeException leaseLost) {
    }

    private static void publish(GameClip clip, FinishProcessingRequest request, Instant now) {
        clip.state = GameClipState.Published;
        clip.publishedAt = now;
        clip.sha256Hex = request.getSha256Hex();
        // 0 means "none generated": uploaded thumbnails (thumbnailSource Upload) keep their recorded sizes.
        if (request.getLargeThumbnailSize() > 0) {
            clip.largeThumbnailSize = request.getLargeThumbnailSize();
            clip.largeThumbnailContentType = "image/jpeg";
        }
        if (request.getSmallThumbnailSize() > 0) {
            clip.smallThumbnailSize = request.getSmallThumbnailSize();
            clip.smallThumbnailContentType = "image/jpeg";
        }
        clip.processingWorkerId = null;
        clip.processingLeaseExpiresAt = null;
        clip.lastModifiedAt = now;
    }

    private static ProcessingWork work(GameClip clip) {
        long offset = switch (clip.thumbnailSource) {
            case Default -> DEFAULT_THUMBNAIL_OFFSET_MILLIS;
            case Offset -> clip.thumbnailOffsetMillis == null ? DEFAULT_THUMBNAIL_OFFSET_MILLIS : clip.thumbnailOffsetMillis;
            case Upload -> 0;
        };
        return ProcessingWork.newBuilder()
                .setHasWork(true)
                .setGameClipId(clip.gameClipId)
                .setVideo(ClipAssets.blob(clip, Asset.VIDEO))
                .setFileSize(clip.uploadedSize == null ? clip.fileSize : clip.uploadedSize)
                .setThumbnailSource(clip.thumbnailSource.name())
                .setThumbnailOffsetMillis(offset)
                .setLargeThumbnail(ClipAssets.blob(clip, Asset.LARGE_THUMBNAIL))
                .setSmallThumbnail(ClipAssets.blob(clip, Asset.SMALL_THUMBNAIL))
                .setOwner(ClipAssets.owner(clip))
                .setLeaseExpiresAtEpochMillis(clip.processingLeaseExpiresAt.toEpochMilli())
                .build();
    }
}
