package io.savepoint.storage.titlestorage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.ErrorCode;
import io.savepoint.storage.StorageConfig;
import io.savepoint.storage.blobs.BlobEngine;
import io.savepoint.storage.blobs.BlobVersion;
import io.savepoint.storage.blobs.BlockConflictException;
import io.savepoint.storage.blobs.BlockTooLargeException;
import io.savepoint.storage.blobs.IncompleteUploadException;
import io.savepoint.storage.quota.QuotaExceededException;
import io.savepoint.storage.quota.QuotaService;
import io.savepoint.storage.titlestorage.rules.BlobName;
import io.savepoint.storage.titlestorage.rules.BlobType;
import io.savepoint.storage.titlestorage.rules.ClientFileTime;
import io.savepoint.storage.titlestorage.rules.ConfigResolver;
import io.savepoint.storage.titlestorage.rules.ETags;
import io.savepoint.storage.titlestorage.rules.JsonBlobRules;

/**
 * Title Storage uploads (spec B.4): a whole blob in one PUT (small ones inline in PostgreSQL), or a binary blob in
 * blocks chained by continuation tokens ({@link TitleUpload}). Conditions, quota and the pointer swap to the new
 * version are committed in one transaction.
 */
@ApplicationScoped
public class TitleUploadService {

    private static final int MAX_DISPLAY_NAME = 128;

    private final QuotaService quota;
    private final BlobEngine engine;
    private final StorageConfig config;

    TitleUploadService(QuotaService quota, BlobEngine engine, StorageConfig config) {
        this.quota = quota;
        this.engine = engine;
        this.config = config;
    }

    /** Query parameters of a PUT. {@code finalBlock} is null when not sent. */
    public record UploadParams(String clientFileTime, String displayName, String continuationToken, Boolean finalBlock) {
    }

    /** 201 created, 200 replaced, or 200 with a token for the next block. */
    public record UploadResult(int status, String etag, String continuationToken) {
    }

    public UploadResult upload(StorageTarget target, BlobName name, UploadParams params, ETags.Conditions conditions,
            InputStream body, Long contentLength) {
        target.family().requireType(name.type());
        Instant clientFileTime = ClientFileTime.parse(params.clientFileTime());
        String displayName = params.displayName();
        if (displayName != null && displayName.length() > MAX_DISPLAY_NAME) {
            throw ApiException.badRequest("displayName is " + displayName.length() + " characters; the limit is " + MAX_DISPLAY_NAME + ".");
        }
        if (contentLength != null && contentLength > config.maxRequestBytes()) {
            throw tooLarge();
        }
        if (name.type() != BlobType.BINARY) {
            if (params.continuationToken() != null || Boolean.FALSE.equals(params.finalBlock())) {
                throw ApiException.badRequest(
                        "Multi-block upload is for binary blobs only; send the whole " + name.type().suffix() + " blob in one PUT.");
            }
            byte[] bytes = readJson(name, body, contentLength);
            JsonBlobRules.validate(bytes);
            if (name.type() == BlobType.CONFIG) {
                ConfigResolver.validate(bytes);
            }
            if (bytes.length <= config.inlineMaxBytes()) {
                return inline(target, name, clientFileTime, displayName, conditions, bytes);
            }
            // Larger documents go to the block store like binary data: PostgreSQL rows stay small.
            return single(target, name, clientFileTime, displayName, conditions, new ByteArrayInputStream(bytes), (long) bytes.length);
        }
        if (params.continuationToken() == null) {
            if (!Boolean.FALSE.equals(params.finalBlock())) {
                return single(target, name, clientFileTime, displayName, conditions, body, contentLength);
            }
            return firstBlock(target, name, clientFileTime, displayName, conditions, body, contentLength);
        }
        return nextBlock(target, name, params, conditions, body, contentLength);
    }

    private UploadResult single(StorageTarget target, BlobName name, Instant clientFileTime, String displayName,
            ETags.Conditions conditions, InputStream body, Long contentLength) {
        if (contentLength != null && contentLength <= config.inlineMaxBytes()) {
            return inline(target, name, clientFileTime, displayName, conditions, readAll(body));
        }
        checkConditionsEarly(target, name, conditions);
        checkQuotaEarly(target, name, 0, contentLength);
        String uploadId = "ts-" + UUID.randomUUID();
        stage(uploadId, 0, body);
        return commit(target, name, uploadId, () -> engine.commit(uploadId, 1, name.type().contentType()), clientFileTime, displayName,
                conditions, null);
    }

    /** A small blob: its bytes go into the version row, no block file. */
    private UploadResult inline(StorageTarget target, BlobName name, Instant clientFileTime, String displayName,
            ETags.Conditions conditions, byte[] bytes) {
        return commit(target, name, null, () -> engine.commitInline(bytes, name.type().contentType()), clientFileTime, displayName,
                conditions, null);
    }

    private UploadResult firstBlock(StorageTarget target, BlobName name, Instant clientFileTime, String displayName,
            ETags.Conditions conditions, InputStream body, Long contentLength) {
        checkConditionsEarly(target, name, conditions);
        checkQuotaEarly(target, name, 0, contentLength);
        UUID id = UUID.randomUUID();
        BlobEngine.Staged staged = stage(TitleUpload.blobUploadId(id), 0, body);
        TitleUpload upload = QuarkusTransaction.requiringNew().call(() -> {
            TitleUpload u = new TitleUpload();
            u.id = id;
            u.sandboxId = target.scope().sandboxId();
            u.scid = target.scope().scid();
            u.family = target.scope().family();
            u.owner = target.scope().owner();
            u.path = name.path();
            u.blobType = name.type().suffix();
            u.nextBlock = 1;
            u.stagedBytes = staged.size();
            u.displayName = displayName;
            u.clientFileTime = clientFileTime;
            u.createdAt = Instant.now();
            u.updatedAt = u.createdAt;
            u.persist();
            return u;
        });
        return new UploadResult(200, null, upload.continuationToken());
    }

    private UploadResult nextBlock(StorageTarget target, BlobName name, UploadParams params, ETags.Conditions conditions,
            InputStream body, Long contentLength) {
        String token = params.continuationToken();
        int dash = token.lastIndexOf('-');
        UUID id;
        int block;
        try {
            id = UUID.fromString(token.substring(0, dash));
            block = Integer.parseInt(token.substring(dash + 1));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("continuationToken '" + token + "' is not one this service issued.");
        }
        TitleUpload upload = QuarkusTransaction.requiringNew().call(() -> TitleUpload.<TitleUpload>findById(id));
        if (upload == null) {
            throw ApiException.badRequest(
                    "continuationToken '" + token + "' is unknown or its upload expired; start the upload again without a token.");
        }
        if (!upload.path.equals(name.path()) || !upload.blobType.equals(name.type().suffix())
                || !upload.owner.equals(target.scope().owner())
                || !upload.scid.equals(target.scope().scid()) || !upload.family.equals(target.scope().family())
                || !upload.sandboxId.equals(target.scope().sandboxId())) {
            throw ApiException.badRequest("continuationToken '" + token + "' belongs to another blob's upload.");
        }
        boolean retryOfPrevious = block == upload.nextBlock - 1;
        if (block != upload.nextBlock && !retryOfPrevious) {
            throw ApiException
                    .badRequest("continuationToken '" + token + "' is out of sequence: the next block is " + upload.nextBlock + ".");
        }
        String uploadId = TitleUpload.blobUploadId(id);
        long stagedBefore = retryOfPrevious ? upload.stagedBytes - stagedSize(uploadId, block) : upload.stagedBytes;
        checkQuotaEarly(target, name, stagedBefore, contentLength);
        BlobEngine.Staged staged = stage(uploadId, block, body);
        long stagedBytes = stagedBefore + staged.size();
        int nextBlock = block + 1;
        QuarkusTransaction.requiringNew().run(() -> {
            TitleUpload u = TitleUpload.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (u == null) {
                throw ApiException.badRequest("The upload of continuationToken '" + token + "' ended meanwhile (committed or expired).");
            }
            u.nextBlock = nextBlock;
            u.stagedBytes = stagedBytes;
            u.updatedAt = Instant.now();
        });
        if (Boolean.TRUE.equals(params.finalBlock()) || params.finalBlock() == null) {
            return commit(target, name, uploadId, () -> engine.commit(uploadId, nextBlock, name.type().contentType()),
                    params.clientFileTime() != null ? ClientFileTime.parse(params.clientFileTime()) : upload.clientFileTime,
                    params.displayName() != null ? params.displayName() : upload.displayName, conditions, id);
        }
        return new UploadResult(200, null, id + "-" + nextBlock);
    }

    private long stagedSize(String uploadId, int block) {
        return engine.staged(uploadId).stream().filter(s -> s.blockNum() == block).mapToLong(BlobEngine.Staged::size).sum();
    }

    private BlobEngine.Staged stage(String uploadId, int block, InputStream body) {
        try {
            return engine.stage(uploadId, block, body, config.maxRequestBytes(), 0, null).block();
        } catch (BlockTooLargeException e) {
            throw tooLarge();
        } catch (BlockConflictException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /** Publishes the staged blocks as the blob's new version: conditions, quota and pointer swap in one transaction. */
    private UploadResult commit(StorageTarget target, BlobName name, String uploadId, Supplier<BlobVersion> newVersion,
            Instant clientFileTime, String displayName, ETags.Conditions conditions, UUID uploadSession) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                TitleBlobEntry current = TitleBlobEntry.lockForWrite(target, name);
                conditions.checkWrite(current == null ? null : current.etag);
                BlobVersion version = newVersion.get();
                long delta = version.size - (current == null ? 0 : current.size);
                quota.adjustUsed(target.scope(), delta, target.policy().getQuotaBytes());
                Instant now = Instant.now();
                TitleBlobEntry entry = current;
                if (entry == null) {
                    entry = new TitleBlobEntry();
                    entry.sandboxId = target.scope().sandboxId();
                    entry.scid = target.scope().scid();
                    entry.family = target.scope().family();
                    entry.owner = target.scope().owner();
                    entry.path = name.path();
                    entry.blobType = name.type().suffix();
                    entry.createdAt = now;
                }
                UUID previousVersion = current == null ? null : current.versionId;
                entry.versionId = version.id;
                entry.etag = ETags.newEtag();
                entry.size = version.size;
                entry.displayName = displayName;
                entry.clientFileTime = clientFileTime;
                entry.updatedAt = now;
                if (current == null) {
                    entry.persist();
                }
                TitleBlobEntry.flush();
                if (previousVersion != null) {
                    engine.discard(previousVersion);
                }
                if (uploadSession != null) {
                    TitleUpload.deleteById(uploadSession);
                }
                return new UploadResult(current == null ? 201 : 200, entry.etag, null);
            });
        } catch (RuntimeException e) {
            if (uploadId != null) {
                engine.abandon(uploadId);
            }
            if (uploadSession != null) {
                QuarkusTransaction.requiringNew().run(() -> TitleUpload.deleteById(uploadSession));
            }
            if (e instanceof QuotaExceededException q) {
                throw overQuota(q);
            }
            if (e instanceof IncompleteUploadException) {
                throw ApiException.badRequest("The upload is incomplete (" + e.getMessage() + "); start it again.");
            }
            throw e;
        }
    }

    private void checkConditionsEarly(StorageTarget target, BlobName name, ETags.Conditions conditions) {
        conditions.checkWrite(
                QuarkusTransaction.requiringNew().call(() -> TitleBlobEntry.findByName(target, name).map(e -> e.etag).orElse(null)));
    }

    private void checkQuotaEarly(StorageTarget target, BlobName name, long alreadyStaged, Long contentLength) {
        long incoming = alreadyStaged + (contentLength == null ? 0 : contentLength);
        long currentSize = QuarkusTransaction.requiringNew()
                .call(() -> TitleBlobEntry.findByName(target, name).map(e -> e.size).orElse(0L));
        long used = quota.usedBytes(target.scope());
        if (used - currentSize + incoming > target.policy().getQuotaBytes()) {
            throw overQuota(new QuotaExceededException("Storing " + incoming + " bytes would use "
                    + (used - currentSize + incoming) + " of the " + target.policy().getQuotaBytes() + "-byte quota."));
        }
    }

    /** The whole json or config body; 413 naming the limit before more than savepoint.storage.max-json-bytes is held. */
    private byte[] readJson(BlobName name, InputStream body, Long contentLength) {
        long limit = config.maxJsonBytes();
        if (contentLength != null && contentLength > limit) {
            throw jsonTooLarge(name);
        }
        try {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw jsonTooLarge(name);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiException jsonTooLarge(BlobName name) {
        return new ApiException(413, ErrorCode.INVALID_REQUEST, "A " + name.type().suffix() + " blob may have at most "
                + config.maxJsonBytes() + " bytes (spec B.4: a full upload is smaller than 4 MB; savepoint.storage.max-json-bytes).");
    }

    private static byte[] readAll(InputStream body) {
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, ErrorCode.INVALID_REQUEST, "The request body exceeds " + config.maxRequestBytes()
                + " bytes; send larger binary blobs as blocks (finalBlock=false, then continuationToken).");
    }

    private static ApiException overQuota(QuotaExceededException e) {
        return ApiException.badRequest("Over quota: " + e.getMessage());
    }
}
