package io.savepoint.metadata.clips;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A game clip in the catalog: every field of its InitialUploadRequest (validated and in canonical spelling), who
 * uploaded it from where, its lifecycle state, the storage-service quota reservation holding its bytes, and the
 * Idempotency-Key it was created with (unique per owner).
 */
@Entity
@Table(name = "game_clip")
public class GameClip extends PanacheEntityBase {

    private static final int MAX_ERROR_REASON = 1024;

    @Id
    @Column(name = "game_clip_id")
    public String gameClipId;

    @Column(name = "owner_xuid", nullable = false)
    public String ownerXuid;

    @Column(name = "title_id", nullable = false)
    public long titleId;

    /** Lower-case GUID. */
    @Column(name = "scid", nullable = false)
    public String scid;

    @Column(name = "sandbox_id", nullable = false)
    public String sandboxId;

    @Column(name = "device_type", nullable = false)
    public String deviceType;

    @Column(name = "device_id", nullable = false)
    public String deviceId;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    public GameClipState state;

    /** greatestMomentId / clipNameStringId; null when the request named none. */
    @Column(name = "greatest_moment_id")
    public String greatestMomentId;

    @Column(name = "user_caption")
    public String userCaption;

    @Column(name = "session_ref")
    public String sessionRef;

    @Column(name = "date_recorded", nullable = false)
    public Instant dateRecorded;

    @Column(name = "duration_seconds", nullable = false)
    public long durationInSeconds;

    /** Blocks the upload is split into (1 when the request omitted expectedBlocks). */
    @Column(name = "expected_blocks", nullable = false)
    public long expectedBlocks;

    @Column(name = "file_size", nullable = false)
    public long fileSize;

    /** GameClipTypes flags, canonical spelling, comma-separated without spaces. */
    @Column(name = "clip_types", nullable = false)
    public String types;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", nullable = false)
    public GameClipSource source;

    @Enumerated(EnumType.STRING)
    @Column(name = "visibility", nullable = false)
    public GameClipVisibility visibility;

    @Column(name = "title_data")
    public String titleData;

    @Column(name = "system_properties")
    public String systemProperties;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "users_in_session", nullable = false)
    public List<String> usersInSession;

    /** Default when the request omitted it. */
    @Enumerated(EnumType.STRING)
    @Column(name = "thumbnail_source", nullable = false)
    public ThumbnailSource thumbnailSource;

    @Column(name = "thumbnail_offset_millis")
    public Integer thumbnailOffsetMillis;

    @Column(name = "saved_by_user", nullable = false)
    public boolean savedByUser;

    /** storage-service Quota reservation holding fileSize bytes (equal to gameClipId). */
    @Column(name = "quota_reservation_id", nullable = false)
    public String quotaReservationId;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** SHA-256 of the SCID and the canonical request, to tell a replay from a reuse of the key. */
    @Column(name = "request_fingerprint", nullable = false)
    public String requestFingerprint;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_modified_at", nullable = false)
    public Instant lastModifiedAt;

    @Column(name = "upload_expires_at", nullable = false)
    public Instant uploadExpiresAt;

    /** When the last block was committed (PendingUpload -> Uploaded). */
    @Column(name = "uploaded_at")
    public Instant uploadedAt;

    /** Size of the committed video as BlobStore reported it. */
    @Column(name = "uploaded_size")
    public Long uploadedSize;

    /** BlobStore's composite checksum of the committed video ("<hex>-N"). */
    @Column(name = "upload_checksum")
    public String uploadChecksum;

    /** When the current (or last) processing lease was taken. */
    @Column(name = "processing_started_at")
    public Instant processingStartedAt;

    @Column(name = "processing_worker_id")
    public String processingWorkerId;

    @Column(name = "processing_lease_expires_at")
    public Instant processingLeaseExpiresAt;

    /** Times the clip was handed to a processing worker. */
    @Column(name = "processing_attempts", nullable = false)
    public int processingAttempts;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** SHA-256 of the whole video, computed by the processing worker. */
    @Column(name = "sha256_hex")
    public String sha256Hex;

    @Column(name = "error_reason")
    public String errorReason;

    @Column(name = "error_at")
    public Instant errorAt;

    /** The clip is in Error and its blobs and quota reservation are not yet confirmed gone. */
    @Column(name = "storage_cleanup_pending", nullable = false)
    public boolean storageCleanupPending;

    @Column(name = "large_thumbnail_size")
    public Long largeThumbnailSize;

    @Column(name = "large_thumbnail_content_type")
    public String largeThumbnailContentType;

    @Column(name = "small_thumbnail_size")
    public Long smallThumbnailSize;

    @Column(name = "small_thumbnail_content_type")
    public String smallThumbnailContentType;

    /** Mean of the clip's ratings (0 when unrated). */
    @Column(name = "rating", nullable = false)
    public double rating;

    @Column(name = "rating_count", nullable = false)
    public long ratingCount;

    @Column(name = "rating_sum", nullable = false)
    public long ratingSum;

    @Column(name = "views", nullable = false)
    public long views;

    /** Set while an operator has not yet resolved a flag on the clip. */
    @Column(name = "flagged_at")
    public Instant flaggedAt;

    /** Set by the owner's DELETE; the row stays as a tombstone until the bytes are gone from storage. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Moves the clip to Error; its bytes and quota are then cleaned up (see ClipStorageCleanup). */
    public void fail(String reason, Instant now) {
        state = GameClipState.Error;
        errorReason = reason.length() > MAX_ERROR_REASON ? reason.substring(0, MAX_ERROR_REASON) : reason;
        errorAt = now;
        lastModifiedAt = now;
        processingWorkerId = null;
        processingLeaseExpiresAt = null;
        storageCleanupPending = true;
    }

    /** Hides the clip everywhere and queues its bytes and quota for release (see ClipStorageCleanup). */
    public void markDeleted(Instant now) {
        state = GameClipState.PendingDelete;
        deletedAt = now;
        lastModifiedAt = now;
        processingWorkerId = null;
        processingLeaseExpiresAt = null;
        storageCleanupPending = true;
    }

    public static Optional<GameClip> findByIdempotencyKey(String ownerXuid, String key) {
        return find("ownerXuid = ?1 and idempotencyKey = ?2", ownerXuid, key).firstResultOptional();
    }
}
