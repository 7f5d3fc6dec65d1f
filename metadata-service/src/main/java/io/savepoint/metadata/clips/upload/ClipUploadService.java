package io.savepoint.metadata.clips.upload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.metadata.clips.ClipsConfig;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.ThumbnailSource;
import io.savepoint.metadata.clips.lifecycle.ClipRetention;
import io.savepoint.metadata.clips.view.LocalizedText;
import io.savepoint.metadata.peers.StorageQuotaClient;
import io.savepoint.metadata.titles.Title;
import io.savepoint.metadata.titles.service.ContentIsolation;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;

/**
 * The initial upload request (spec A.1): checks the caller and the SCID, validates the body, reserves fileSize
 * bytes in storage-service's Quota and only then creates the clip (PendingUpload). A failed insert gives the
 * reservation back. An Idempotency-Key makes retries answer the clip they created.
 */
@ApplicationScoped
public class ClipUploadService {

    private static final Logger LOG = Logger.getLogger(ClipUploadService.class);
    static final String IDEMPOTENCY_CONSTRAINT = "game_clip_owner_idempotency_key";
    private static final String IDEMPOTENCY_KEY_PATTERN = "[\\x21-\\x7E]{1,128}";
    private static final Duration RESERVATION_HOLD_MARGIN = Duration.ofHours(1);

    private final ContentIsolation isolation;
    private final StorageQuotaClient quota;
    private final ClipsConfig config;
    private final InitialUploadValidator validator;
    private final ClipRetention retention;

    ClipUploadService(ContentIsolation isolation, StorageQuotaClient quota, ClipsConfig config, ClipRetention retention) {
        this.retention = retention;
        this.isolation = isolation;
        this.quota = quota;
        this.config = config;
        this.validator = new InitialUploadValidator(config.maxFileSize(), config.maxBlocks(), config.maxBlockBytes());
    }

    public InitialUploadResponse initialUpload(Caller caller, String scid, String body, String idempotencyKey, String acceptLanguage) {
        if (!config.uploadDeviceTypes().contains(caller.deviceType())) {
            throw ApiException.forbidden("Device type '" + caller.deviceType() + "' may not upload game clips; allowed: "
                    + config.uploadDeviceTypes().stream().sorted().toList() + ".");
        }
        Title title = isolation.writableScid(caller, scid);
        String normalizedScid = scid.toLowerCase(Locale.ROOT);
        if (idempotencyKey != null && !idempotencyKey.matches(IDEMPOTENCY_KEY_PATTERN)) {
            throw ApiException.badRequest("Idempotency-Key must be 1-128 visible ASCII characters.");
        }
        ValidUploadRequest request = validator.parse(body);
        String fingerprint = fingerprint(normalizedScid, request);

        if (idempotencyKey != null) {
            Optional<GameClip> existing = GameClip.findByIdempotencyKey(caller.xuid(), idempotencyKey);
            if (existing.isPresent()) {
                return replay(existing.get(), fingerprint, title, acceptLanguage);
            }
        }

        String gameClipId = UUID.randomUUID().toString();
        try {
            quota.reserveClip(gameClipId, caller.sandboxId(), normalizedScid, caller.xuid(), request.fileSize(), title.clipQuotaBytes,
                    reservationHold());
        } catch (ApiException overQuota) {
            // A concurrent twin may have taken the space: answer its clip rather than "over quota".
            if (idempotencyKey != null) {
                Optional<GameClip> twin = GameClip.findByIdempotencyKey(caller.xuid(), idempotencyKey);
                if (twin.isPresent()) {
                    return replay(twin.get(), fingerprint, title, acceptLanguage);
                }
            }
            throw overQuota;
        }

        GameClip clip = newClip(gameClipId, caller, title, normalizedScid, request, idempotencyKey, fingerprint);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                clip.persist();
                GameClip.flush();
            });
        } catch (RuntimeException e) {
            quota.releaseQuietly(gameClipId);
            if (idempotencyKey != null && violates(e, IDEMPOTENCY_CONSTRAINT)) {
                GameClip twin = GameClip.findByIdempotencyKey(caller.xuid(), idempotencyKey).orElseThrow(() -> e);
                return replay(twin, fingerprint, title, acceptLanguage);
            }
            LOG.errorf(e, "Could not store clip %s; its quota reservation was released", gameClipId);
            throw e;
        }
        if (!clip.savedByUser) {
            retention.enforce(clip.ownerXuid, clip.titleId);
        }
        return response(clip, request.greatestMomentId(), title, acceptLanguage);
    }

    /**
     * How long storage-service keeps the clip's reservation uncommitted: the upload's lifetime plus an hour, so the
     * expiry sweeper here releases it first, and storage only if this service failed before recording the clip.
     */
    private Duration reservationHold() {
        return config.uploadExpiry().plus(RESERVATION_HOLD_MARGIN);
    }

    private InitialUploadResponse replay(GameClip clip, String fingerprint, Title title, String acceptLanguage) {
        if (!clip.requestFingerprint.equals(fingerprint)) {
            throw ApiException.conflict("Idempotency-Key '" + clip.idempotencyKey + "' was already used for a different request (clip "
                    + clip.gameClipId + "); send a new key for a new clip.");
        }
        return response(clip, clip.greatestMomentId, title, acceptLanguage);
    }

    private GameClip newClip(String id, Caller caller, Title title, String scid, ValidUploadRequest r, String key, String fingerprint) {
        Instant now = Instant.now();
        GameClip clip = new GameClip();
        clip.gameClipId = id;
        clip.ownerXuid = caller.xuid();
        clip.titleId = title.titleId;
        clip.scid = scid;
        clip.sandboxId = caller.sandboxId();
        clip.deviceType = caller.deviceType();
        clip.deviceId = caller.deviceId();
        clip.state = GameClipState.PendingUpload;
        clip.greatestMomentId = r.greatestMomentId();
        clip.userCaption = r.userCaption();
        clip.sessionRef = r.sessionRef();
        clip.dateRecorded = r.dateRecorded();
        clip.durationInSeconds = r.durationInSeconds();
        clip.expectedBlocks = r.expectedBlocks();
        clip.fileSize = r.fileSize();
        clip.types = r.typesText();
        clip.source = r.source();
        clip.visibility = r.visibility();
        clip.titleData = r.titleData();
        clip.systemProperties = r.systemProperties();
        clip.usersInSession = r.usersInSession();
        clip.thumbnailSource = r.thumbnailSource();
        clip.thumbnailOffsetMillis = r.thumbnailOffsetMillis();
        clip.savedByUser = r.savedByUser();
        clip.quotaReservationId = id;
        clip.idempotencyKey = key;
        clip.requestFingerprint = fingerprint;
        clip.createdAt = now;
        clip.lastModifiedAt = now;
        clip.uploadExpiresAt = now.plus(config.uploadExpiry());
        return clip;
    }

    private InitialUploadResponse response(GameClip clip, String clipNameId, Title title, String acceptLanguage) {
        String base = config.transferBaseUrl().replaceAll("/+$", "");
        String uploadUri = base + "/upload/xuid(" + clip.ownerXuid + ")/" + clip.gameClipId + "/container";
        boolean thumbnails = clip.thumbnailSource == ThumbnailSource.Upload;
        Map<String, String> clipNames = clipNameId == null ? null : title.clipNames.get(clipNameId);
        return new InitialUploadResponse(clip.gameClipId, uploadUri,
                thumbnails ? uploadUri + "/thumbnails/large" : null,
                thumbnails ? uploadUri + "/thumbnails/small" : null,
                LocalizedText.pick(clipNames, acceptLanguage, title.defaultLocale),
                LocalizedText.pick(title.displayNames, acceptLanguage, title.defaultLocale));
    }

    private static String fingerprint(String scid, ValidUploadRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((scid + "\n" + request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean violates(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())
                    && sql.getMessage() != null && sql.getMessage().contains(constraint)) {
                return true;
            }
        }
        return false;
    }
}
